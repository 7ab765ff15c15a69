"""The one chart style: plotly template, CJK font, palette and sizes for every chart and exported PNG."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Noto Sans CJK SC is installed on the server (kaleido's PNGs); the others are what users' PCs have.
FONT_FAMILY = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
               '"WenQuanYi Micro Hei", sans-serif')

# The status colours differ in lightness as well as hue, so they stay apart on a black-and-white print and for
# red-green colour-blind readers (greyscale 0.299R+0.587G+0.114B: 达序时 113, 落后 172, 严重落后 66; gaps ≥ 40,
# tests/test_palette.py): a blue-leaning green, a light amber and a dark red. Slides add a mark (✓ ▲ ✕) as well.
COLORS = {
    "primary": "#1F4E79",
    "secondary": "#5B9BD5",
    "on_pace": "#1E9B74",
    "behind": "#F2A900",
    "far_behind": "#9B1C1C",
    "pace_line": "#6B7280",
    "last_year": "#9CA3AF",
    "grid": "#E5E7EB",
    "text": "#1F2937",
    "muted": "#6B7280",
    "no_data": "#E5E7EB",
}
# Progress status (达序时 / 落后 / 严重落后), as queries/progress__by_metric.sql names it.
STATUS_COLORS = {"达序时": COLORS["on_pace"], "落后": COLORS["behind"], "严重落后": COLORS["far_behind"]}
# A mark beside the colour, for readers who cannot tell the colours apart at all.
STATUS_MARKS = {"达序时": "✓", "落后": "▲", "严重落后": "✕"}
# Warning grades: dark red, mid blue, light amber (greyscale 66, 122, 172).
WARNING_COLORS = {"红": COLORS["far_behind"], "黄": COLORS["behind"], "蓝": "#3B82F6"}
STAGE_COLORS = {
    "签约": "#9CA3AF", "注册": "#93C5FD", "供地": "#60A5FA", "开工": "#2563EB",
    "竣工": "#7C3AED", "投产": "#059669", "达规": "#16A34A", "达产": "#15803D",
}
# “五未” from the most stuck (darkest) to the mildest (lightest); greyscale 24, 66, 120, 172, 217.
FIVE_IDLE_COLORS = {
    "批而未供": "#3A0A0A", "供而未用": "#9B1C1C", "用而未尽": "#E0561B",
    "建而未投": "#F2A900", "投而未达规": "#F7DC7A",
}
SEQUENCE = ["#1F4E79", "#5B9BD5", "#F2A900", "#1E9B74", "#9B1C1C", "#7C3AED", "#0891B2", "#9CA3AF", "#EA580C"]

# Sizes in CSS pixels. Screen: a 1920×1080 projector read from 6 m (the 例会 slides set their own, larger).
BASE_FONT_SIZE = 18
TITLE_FONT_SIZE = 26
# Exported PNG: 1920×1080 at scale 2 (3840×2160 pixels). Pasted into a briefing it shrinks to ~16 cm wide, so
# text is set large: 28 px there prints at about 7–8 pt, the title at about 11 pt.
EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_SCALE = 1920, 1080, 2
EXPORT_FONT_SIZE = 28
EXPORT_TITLE_FONT_SIZE = 44
EXPORT_SUBTITLE_FONT_SIZE = 28


def hex_to_rgb(color: str) -> list[int]:
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)]


def greyscale(color: str) -> float:
    """The grey a black-and-white printer makes of a colour (ITU-R BT.601 luma, 0–255)."""
    r, g, b = hex_to_rgb(color)
    return 0.299 * r + 0.587 * g + 0.114 * b


def status_mark(status: str | None) -> str:
    return STATUS_MARKS.get(status or "", "")


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


def apply(fig: go.Figure, export: bool = False) -> go.Figure:
    """Puts our template on a figure explicitly (Streamlit's default template is a placeholder).

    export enlarges the text for print; sizes a figure builder set on purpose (big numbers of KPI tiles) are left
    alone.
    """
    fig.update_layout(template=TEMPLATE)
    if export:
        fig.update_layout(font={"family": FONT_FAMILY, "size": EXPORT_FONT_SIZE},
                          hoverlabel={"font": {"size": EXPORT_FONT_SIZE}})
    return fig
