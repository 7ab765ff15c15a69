"""The one chart style: plotly template, CJK font, palette and sizes for every chart and exported PNG."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Noto Sans CJK SC is installed on the server (kaleido's PNGs); the others are what users' PCs have.
FONT_FAMILY = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
               '"WenQuanYi Micro Hei", sans-serif')

COLORS = {
    "primary": "#1F4E79",
    "secondary": "#5B9BD5",
    "on_pace": "#2E7D32",
    "behind": "#F59E0B",
    "far_behind": "#C62828",
    "pace_line": "#6B7280",
    "last_year": "#9CA3AF",
    "grid": "#E5E7EB",
    "text": "#1F2937",
    "muted": "#6B7280",
    "no_data": "#D1D5DB",
}
# Progress status (达序时 / 落后 / 严重落后), as queries/progress__by_metric.sql names it.
STATUS_COLORS = {"达序时": COLORS["on_pace"], "落后": COLORS["behind"], "严重落后": COLORS["far_behind"]}
WARNING_COLORS = {"红": "#C62828", "黄": "#F59E0B", "蓝": "#2563EB"}
STAGE_COLORS = {
    "签约": "#9CA3AF", "注册": "#93C5FD", "供地": "#60A5FA", "开工": "#2563EB",
    "竣工": "#7C3AED", "投产": "#059669", "达规": "#16A34A", "达产": "#15803D",
}
FIVE_IDLE_COLORS = {
    "批而未供": "#7F1D1D", "供而未用": "#C62828", "用而未尽": "#EA580C",
    "建而未投": "#F59E0B", "投而未达规": "#CA8A04",
}
SEQUENCE = ["#1F4E79", "#5B9BD5", "#F59E0B", "#2E7D32", "#C62828", "#7C3AED", "#0891B2", "#9CA3AF", "#EA580C"]

# Sizes in CSS pixels. Screen: a 1920×1080 projector read from 6 m (会议模式 larger still).
BASE_FONT_SIZE = 18
TITLE_FONT_SIZE = 26
MEETING_FONT_SIZE = 24
MEETING_TITLE_FONT_SIZE = 32
# Exported PNG: 1920×1080 at scale 2 (3840×2160 pixels). Pasted into a briefing it shrinks to ~16 cm wide, so
# text is set large: 28 px there prints at about 7–8 pt, the title at about 11 pt.
EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_SCALE = 1920, 1080, 2
EXPORT_FONT_SIZE = 28
EXPORT_TITLE_FONT_SIZE = 44
EXPORT_SUBTITLE_FONT_SIZE = 28


def hex_to_rgb(color: str) -> list[int]:
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)]


def status_color(status: str | None) -> str:
    """The colour of a progress status; grey when there is none (no target or no value)."""
    return STATUS_COLORS.get(status or "", COLORS["no_data"])


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": COLORS["text"]},
        title={"font": {"family": FONT_FAMILY, "size": TITLE_FONT_SIZE}, "x": 0.01, "xanchor": "left"},
        colorway=SEQUENCE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"gridcolor": COLORS["grid"], "zeroline": False, "automargin": True},
        yaxis={"gridcolor": COLORS["grid"], "zeroline": False, "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 16}},
        separators=".,",
        margin={"l": 60, "r": 30, "t": 80, "b": 60},
    )
)
pio.templates["cockpit"] = TEMPLATE


def apply(fig: go.Figure, meeting_mode: bool = False, export: bool = False) -> go.Figure:
    """Puts our template on a figure explicitly (Streamlit's default template is a placeholder).

    meeting_mode and export enlarge the text for the projector and for print; sizes a figure builder set on
    purpose (big numbers of KPI tiles) are left alone.
    """
    fig.update_layout(template=TEMPLATE)
    if export:
        fig.update_layout(font={"family": FONT_FAMILY, "size": EXPORT_FONT_SIZE},
                          hoverlabel={"font": {"size": EXPORT_FONT_SIZE}})
    elif meeting_mode:
        fig.update_layout(font={"family": FONT_FAMILY, "size": MEETING_FONT_SIZE},
                          title={"font": {"size": MEETING_TITLE_FONT_SIZE}})
    return fig
