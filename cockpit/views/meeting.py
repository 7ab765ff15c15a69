"""例会 slides: each slide is one plotly figure laid out on a 1920×1080 design canvas, built from the pages' views.

The page shows a slide scaled to the window; the 月度通报 renders the same figure at scale 2 (3840×2160). Every
text is at least TEXT_SIZE: 34 px is 8 pt when the PNG is printed 16 cm wide (1 design px = 0.236 pt), and above
the 28 px the projector needs; key figures are KEY_SIZE. No Streamlit, no queries: frames come in by name.
Texts go to plotly as its HTML subset, so every value from the data (names, labels, reasons) goes through
plot_text() after fit()/wrap() measured it: a project named `<b>x</b>` shows those characters.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from cockpit import geo, units
from cockpit.charts import theme
from cockpit.metrics import format_number, format_value
from cockpit.text import plot_text
from cockpit.views import idle_land, ranking, snail_warnings
from cockpit.views import inspection, promotion  # issue 18 (inspection): their slides
from cockpit.views import ranking_annual  # issue 19 §3: 年度考核
from cockpit.views import map as map_view
from cockpit.views import target_progress as progress

WIDTH, HEIGHT = 1920, 1080
KEY_SIZE = 120  # the slide's key figure (the issue asks ≥ 96 px at 1920×1080)
TITLE_SIZE = 56
HEADING_SIZE = 44
LABEL_SIZE = 40
TEXT_SIZE = 34  # the smallest text on any slide
MEETING_TITLE = "嘉兴市产业项目“双进双产”推进例会"
FOOTER = "slide_footer"  # the name of the footer's line and texts: the 通报 drops them from its images
DEFAULT_MAP_METRIC = "score"  # the map slide shows the ranking's 综合得分 unless ?metric= picks a map metric
LEFT, RIGHT = 60, 1860  # the content's left and right edge (px)
TOP, BOTTOM = 175, 1000  # below the title band, above the footer
SEVERITY_ORDER = {"严重落后": 0, "落后": 1, "达序时": 2}
# Amber is a fill colour; as text on white it needs a darker shade to be read.
STATUS_TEXT = {"达序时": "#137A5B", "落后": "#8A5A00", "严重落后": theme.COLORS["far_behind"]}


@dataclass(frozen=True)
class Context:
    """What every slide shows around its content: month, unit, the data date and the counter."""
    month: str  # YYYY-MM
    unit: str
    index: int  # 1-based
    total: int
    map_metric: str = DEFAULT_MAP_METRIC
    note: str = ""  # said on the slide: 无2018年1月数据，显示最近的2020年12月

    @property
    def month_label(self) -> str:
        """2020年12月; 2020年1–2月 in February when [meeting] merge_january is on."""
        return ranking.period_label(self.month)

    @property
    def unit_label(self) -> str:
        return units.unit_name(self.unit)

    @property
    def data_date(self) -> str:
        """数据截至: the snapshot's date, the last day of its month."""
        year, mon = int(self.month[:4]), int(self.month[5:])
        last = (dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1))
        return f"{last.year}年{last.month}月{last.day}日"

    @property
    def pace(self) -> float:
        return int(self.month[5:]) / 12

    @property
    def city(self) -> bool:
        return self.unit == units.CITY_ID


# ---------------------------------------------------------------- canvas and text

def _x(px: float) -> float:
    return px / WIDTH


def _y(px: float) -> float:
    """Paper y of a pixel row counted from the top."""
    return 1 - px / HEIGHT


def text_width(text: str, size: float) -> float:
    """Approximate rendered width of plain text (before plot_text: every character shows, `<b>` too): CJK and
    full-width characters one em, others about 0.58 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.58 * size for ch in text)


def fit(text: str, size: float, max_px: float) -> str:
    """The text cut with … so that it fits max_px at this size."""
    if text_width(text, size) <= max_px:
        return text
    while text and text_width(text + "…", size) > max_px:
        text = text[:-1]
    return text + "…"


_UNIT_NAMES = sorted({n for u in units.UNITS for n in (u.name, u.short)}, key=len, reverse=True)
_NUMBER = re.compile("|".join([*map(re.escape, _UNIT_NAMES), r"[−+\-]?[0-9][0-9,.]*%?[分名项个亿元万亩宗月年日天位%]?",
                               r"[A-Za-z][A-Za-z0-9_\-]*", "."]), re.S)
_NO_LINE_START = set("，。、；：？！）》」』”’%…·,.;:!?)]")
_NO_LINE_END = set("（《「『“‘([")


def _chunks(text: str) -> list[str]:
    """The text in pieces a line may not break inside: a unit's name (嘉兴港区), a number with its unit (92.7分,
    1,234个), a Latin word, else one character; closing punctuation sticks to what it closes, an opening bracket to what follows."""
    pieces: list[str] = []
    for piece in _NUMBER.findall(text):
        if pieces and (piece[0] in _NO_LINE_START or pieces[-1][-1] in _NO_LINE_END):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


def wrap(text: str, size: float, max_px: float) -> list[str]:
    """Lines of at most max_px. Chinese breaks between characters, but never inside a number with its unit or a
    Latin word, and no line starts with closing punctuation (、）。) or ends with an opening bracket."""
    lines, line = [], ""
    for piece in _chunks(text):
        if line and text_width(line + piece, size) > max_px:
            lines.append(line)
            line = ""
        while text_width(piece, size) > max_px:  # a piece longer than a line (a long Latin word): cut it
            cut = next(i for i in range(len(piece), 0, -1) if text_width(piece[:i], size) <= max_px or i == 1)
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    return [*lines, line] if line else lines


def put(fig: go.Figure, x: float, y: float, text: str, size: int = TEXT_SIZE, color: str | None = None,
        anchor: str = "left", valign: str = "middle", bold: bool = False, name: str | None = None) -> None:
    """Text at a pixel position of the canvas (y from the top); `name` marks it for whoever reuses the figure."""
    fig.add_annotation(x=_x(x), y=_y(y), xref="paper", yref="paper", showarrow=False, xanchor=anchor,
                       yanchor=valign, text=f"<b>{text}</b>" if bold else text,
                       font={"family": theme.FONT_FAMILY, "size": size, "color": color or theme.COLORS["text"]},
                       **({"name": name} if name else {}))


def box(fig: go.Figure, x0: float, y0: float, x1: float, y1: float, fill: str, line: str | None = None,
        width: float = 0, dash: str | None = None) -> None:
    fig.add_shape(type="rect", xref="paper", yref="paper", x0=_x(x0), x1=_x(x1), y0=_y(y1), y1=_y(y0),
                  fillcolor=fill, layer="below",
                  line={"color": line or fill, "width": width, **({"dash": dash} if dash else {})})


def status_text_color(status: str | None) -> str:
    return STATUS_TEXT.get(status or "", theme.COLORS["muted"])


def status_word(status: str | None) -> str:
    return f"{theme.status_mark(status)} {status}" if status else "无目标"


class Canvas:
    """A slide being drawn. Its annotations and shapes are collected and set once in done(): plotly validates the
    whole list again on every add_annotation, which makes a slide of 140 texts take seconds."""

    def __init__(self, fig: go.Figure):
        self.fig = fig
        self._annotations: list[dict] = []
        self._shapes: list[dict] = []

    def add_annotation(self, **annotation) -> None:
        self._annotations.append(annotation)

    def add_shape(self, **shape) -> None:
        self._shapes.append(shape)

    def __getattr__(self, name: str):
        return getattr(self.fig, name)

    def done(self) -> go.Figure:
        self.fig.update_layout(annotations=[*self.fig.layout.annotations, *self._annotations],
                               shapes=[*self.fig.layout.shapes, *self._shapes])
        return self.fig


def frame(ctx: Context, title: str, subtitle: str = "", fig: go.Figure | None = None) -> Canvas:
    """The slide's frame: title band, counter and data date in the footer; on `fig` (a page's figure) or blank."""
    fig = Canvas(go.Figure() if fig is None else go.Figure(fig))
    fig.update_layout(
        template=theme.TEMPLATE, width=WIDTH, height=HEIGHT, autosize=False,
        margin={"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}, title={"text": ""}, paper_bgcolor="white",
        plot_bgcolor="white", font={"family": theme.FONT_FAMILY, "size": TEXT_SIZE, "color": theme.COLORS["text"]},
    )
    if not fig.data:
        fig.update_layout(xaxis={"visible": False, "range": [0, 1]}, yaxis={"visible": False, "range": [0, 1]},
                          showlegend=False)
    box(fig, 0, 0, WIDTH, 130, theme.COLORS["primary"])
    put(fig, LEFT, 65, title, TITLE_SIZE, "white", bold=True)
    if subtitle:
        put(fig, RIGHT, 65, subtitle, LABEL_SIZE, "white", anchor="right")
    fig.add_shape(type="line", xref="paper", yref="paper", x0=_x(LEFT), x1=_x(RIGHT), y0=_y(1015), y1=_y(1015),
                  line={"color": theme.COLORS["grid"], "width": 2}, name=FOOTER)
    if ctx.note:  # the month asked for has no data: every slide says which month it shows instead
        put(fig, LEFT, 1047, plot_text(ctx.note), TEXT_SIZE, theme.COLORS["far_behind"], bold=True, name=FOOTER)
    else:
        put(fig, LEFT, 1047, f"{MEETING_TITLE}　{plot_text(ctx.unit_label)}", TEXT_SIZE, theme.COLORS["muted"],
            name=FOOTER)
    put(fig, RIGHT, 1047, f"数据截至{ctx.data_date}　<b>{ctx.index}/{ctx.total}</b>", TEXT_SIZE,
        theme.COLORS["muted"], anchor="right", name=FOOTER)
    return fig


def place(fig: go.Figure, x: tuple[float, float], y: tuple[float, float], legend: bool = False) -> go.Figure:
    """Puts a page figure's axes into a pixel box of the canvas, with every text at least TEXT_SIZE."""
    # numeric ticks with thousands separators (6,000亩), as every figure on the slides
    fig.update_xaxes(domain=[_x(x[0]), _x(x[1])], automargin=False, tickfont={"size": TEXT_SIZE},
                     title={"font": {"size": TEXT_SIZE}, "standoff": 12}, separatethousands=True)
    fig.update_yaxes(domain=[_y(y[1]), _y(y[0])], automargin=False, tickfont={"size": TEXT_SIZE},
                     title={"font": {"size": TEXT_SIZE}, "standoff": 12}, separatethousands=True)
    fig.update_layout(showlegend=legend, legend={"x": _x(x[0]), "y": _y(y[0] - 8), "xanchor": "left",
                                                 "yanchor": "bottom", "orientation": "h",
                                                 "font": {"size": TEXT_SIZE}})
    return raise_fonts(fig)


def raise_fonts(fig: go.Figure, size: int = TEXT_SIZE) -> go.Figure:
    """Every trace text and annotation at least `size` (a page figure may set smaller sizes for the screen)."""
    for annotation in fig.layout.annotations:
        if annotation.font.size is None or annotation.font.size < size:
            annotation.font.size = size
    for trace in fig.data:
        if "textfont" in trace and (trace.textfont.size is None or trace.textfont.size < size):
            trace.textfont.size = size
        marker = getattr(trace, "marker", None)
        if marker is not None and "colorbar" in marker and marker.showscale:
            marker.colorbar.tickfont.size = size
            marker.colorbar.title.font.size = size
    return fig


def nothing(fig: Canvas, text: str) -> go.Figure:
    put(fig, WIDTH / 2, 560, text, LABEL_SIZE, theme.COLORS["muted"], anchor="center")
    return fig.done()


# ---------------------------------------------------------------- 1 封面

def cover_slide(ctx: Context) -> go.Figure:
    fig = frame(ctx, MEETING_TITLE)
    put(fig, WIDTH / 2, 330, MEETING_TITLE, 72, theme.COLORS["primary"], anchor="center", bold=True)
    put(fig, WIDTH / 2, 500, ctx.month_label, KEY_SIZE, theme.COLORS["text"], anchor="center", bold=True)
    put(fig, WIDTH / 2, 640, plot_text(ctx.unit_label) if not ctx.city else "全市（九个县级主体）", TITLE_SIZE,
        anchor="center")
    put(fig, WIDTH / 2, 740, f"数据截至{ctx.data_date}　·　序时进度{ctx.pace:.1%}", LABEL_SIZE,
        theme.COLORS["muted"], anchor="center")
    if ctx.note:
        put(fig, WIDTH / 2, 420, plot_text(ctx.note), LABEL_SIZE, theme.COLORS["far_behind"], anchor="center",
            bold=True)
    agenda = [f"{i}. {s.title}" for i, s in enumerate(SLIDES[1:], start=2)]
    for n in range(0, len(agenda), 4):
        put(fig, WIDTH / 2, 870 + 56 * (n // 4), "　　".join(agenda[n:n + 4]), TEXT_SIZE, theme.COLORS["muted"],
            anchor="center")
    return fig.done()


# ---------------------------------------------------------------- 2 总量

TOTAL_METRICS = ("industrial_investment", "fdi")


def totals_slide(ctx: Context, progress_rows: pl.DataFrame) -> go.Figure:
    view = progress.month_view(progress_rows, ctx.month, ctx.unit)
    fig = frame(ctx, "总量：工业投资与实际利用外资", f"{ctx.month_label}　序时进度{ctx.pace:.1%}"
                + (f"　{progress.NO_TARGETS}" if progress.targets_missing(progress_rows, ctx.month) else ""))
    if view.is_empty():
        return nothing(fig, "本月没有目标进度数据")
    for i, key in enumerate(TOTAL_METRICS):
        found = view.filter(pl.col("metric_key") == key)
        x0 = LEFT + i * 930
        x1 = x0 + 870
        if found.is_empty():
            continue
        _total_panel(fig, found.row(0, named=True), x0, x1)
    return fig.done()


def _total_panel(fig: go.Figure, row: dict, x0: float, x1: float) -> None:
    status, unit = row["status"], plot_text(row["unit"])
    color = theme.status_color(status)
    box(fig, x0, 190, x1, 990, "white", line=color, width=5)
    box(fig, x0, 190, x0 + 18, 990, color)
    mid = (x0 + x1) / 2
    put(fig, mid, 250, plot_text(row["label"]), HEADING_SIZE, anchor="center", bold=True)
    value = format_number(row["value"], row["unit"])
    put(fig, mid, 380, f"{value}<span style='font-size:{LABEL_SIZE}px'>{unit}</span>", KEY_SIZE,
        status_text_color(status) if status else theme.COLORS["text"], anchor="center", bold=True)
    if row["target"] is None or row["completion"] is None:
        put(fig, mid, 500, "无全年目标，不评价", LABEL_SIZE, theme.COLORS["muted"], anchor="center")
    else:
        put(fig, mid, 500, f"全年目标{format_number(row['target'], row['unit'])}{unit}　完成率{row['completion']:.1%}",
            LABEL_SIZE,
            anchor="center")
        _progress_bar(fig, row["completion"], row["pace"], x0 + 70, x1 - 50, 570, 625, color)
        put(fig, mid, 760, f"{status_word(status)}　{plot_text(progress.gap_text(row))}", LABEL_SIZE,
            status_text_color(status), anchor="center", bold=True)
    if row["growth"] is not None:
        prior = ("" if row["prior_value"] is None
                 else f"（上年同期{format_number(row['prior_value'], row['unit'])}{unit}）")
        put(fig, mid, 860, f"同比{'增长' if row['growth'] >= 0 else '下降'}{abs(row['growth']):.1f}%{prior}",
            LABEL_SIZE, anchor="center")
    else:
        put(fig, mid, 860, "无上年同期数，不计同比", LABEL_SIZE, theme.COLORS["muted"], anchor="center")


def _progress_bar(fig: go.Figure, completion: float, pace: float, x0: float, x1: float, y0: float, y1: float,
                  color: str) -> None:
    """完成率 as a filled bar on a 0–120% scale, the 序时进度 as a dashed mark with its label under the bar."""
    top = max(1.2, completion, pace)
    span = x1 - x0
    box(fig, x0, y0, x1, y1, theme.COLORS["no_data"])
    box(fig, x0, y0, x0 + span * min(completion, top) / top, y1, color)
    pace_x = x0 + span * pace / top
    fig.add_shape(type="line", xref="paper", yref="paper", x0=_x(pace_x), x1=_x(pace_x), y0=_y(y1 + 20),
                  y1=_y(y0 - 20), line={"color": theme.COLORS["text"], "width": 4, "dash": "dash"})
    put(fig, pace_x, y1 + 50, f"序时{pace:.0%}", TEXT_SIZE, theme.COLORS["text"], anchor="center")


# ---------------------------------------------------------------- 3 全部目标，最差在前

def worst_first(view: pl.DataFrame) -> pl.DataFrame:
    """Targets by status (严重落后, 落后, 达序时, then those not evaluated), then by 序时完成度, lowest first."""
    return (view.with_columns(severity=pl.col("status").replace_strict(SEVERITY_ORDER, default=3,
                                                                      return_dtype=pl.Int64))
            .sort("severity", "pace_ratio", "metric_order", nulls_last=True))


def _target_value(row: dict) -> tuple[str, str]:
    """The row's big number (完成率, or the rate / growth itself) and its detail (done / target), each figure at
    its metric's one precision (cockpit/metrics.py): 104.9% and 943.91/900.00亿元."""
    unit = row["unit"]
    if row["kind"] == "cumulative":
        if row["value"] is None:
            return "—", "无数据"
        done = format_number(row["value"], unit)
        if row["target"] is None:
            return "—", f"{done}{unit}，无目标"
        return f"{row['completion']:.1%}", f"{done}/{format_value(row['target'], unit)}"
    value = format_value(row["value"], "%")
    target = "无目标" if row["target"] is None else f"目标{format_value(row['target'], '%')}"
    return value, target


COLUMN_STEP = 915  # two columns of targets: 60–945 and 975–1860
TARGET_GROUPS = (  # 完成率 targets and 增长/比率 targets are read differently: never sorted into one list
    ("完成率目标（累计，对照序时进度）", ("cumulative",)),
    ("增长与比率目标（对照目标值）", ("growth", "rate")),
)


def target_groups(view: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """The month's targets in their two groups, each worst first; a group without targets is left out."""
    groups = [(title, worst_first(view.filter(pl.col("kind").is_in(kinds)))) for title, kinds in TARGET_GROUPS]
    return [(title, rows) for title, rows in groups if rows.height]


def targets_slide(ctx: Context, progress_rows: pl.DataFrame, refuted: pl.DataFrame | None = None) -> go.Figure:
    view = progress.month_view(progress_rows, ctx.month, ctx.unit)
    # issue 18: counts that leave out standing 不属实 verdicts say so under the table
    refuted_line = inspection.refuted_summary(refuted, ctx.unit) if refuted is not None else None
    counts = {s: view.filter(pl.col("status") == s).height for s in SEVERITY_ORDER}
    subtitle = f"序时进度{ctx.pace:.1%}　" + "　".join(f"{theme.status_mark(s)}{s}{n}" for s, n in counts.items())
    if progress.targets_missing(progress_rows, ctx.month):  # a January before its 年度目标
        subtitle = f"序时进度{ctx.pace:.1%}　{progress.NO_TARGETS}"
    fig = frame(ctx, "全部目标，差距大的在前", subtitle)
    if view.is_empty():
        return nothing(fig, "本月没有目标进度数据")
    groups = target_groups(view)
    heading = 56
    lines = sum(math.ceil(rows.height / 2) for _, rows in groups)
    bottom = BOTTOM - (50 if refuted_line else 0)
    row_height = min(72.0, (bottom - TOP - 10 - heading * len(groups)) / lines)
    if refuted_line:
        put(fig, LEFT, BOTTOM - 20, plot_text(fit(f"督查核查：{refuted_line}（名单见督查核查）", TEXT_SIZE, RIGHT - LEFT)),
            TEXT_SIZE, theme.COLORS["muted"])
    y = TOP + 10
    for number, (title, rows) in enumerate(groups):
        put(fig, LEFT, y + heading / 2, f"{'一二'[number]}、{title}", TEXT_SIZE, theme.COLORS["primary"], bold=True)
        put(fig, RIGHT, y + heading / 2, "完成率/实际　完成/目标" if number == 0 else "实际　目标", TEXT_SIZE,
            theme.COLORS["muted"], anchor="right")
        y += heading
        per_column = math.ceil(rows.height / 2)
        for i, row in enumerate(rows.iter_rows(named=True)):
            column, line = divmod(i, per_column)
            _target_row(fig, row, LEFT + column * COLUMN_STEP, y + line * row_height, row_height, line % 2 == 0)
        y += per_column * row_height
    return fig.done()


def _target_row(fig: Canvas, row: dict, x0: float, y0: float, height: float, shaded: bool) -> None:
    mid = y0 + height / 2
    if shaded:
        box(fig, x0, y0, x0 + COLUMN_STEP - 30, y0 + height, "#F3F4F6")
    status = row["status"]
    box(fig, x0, y0 + 5, x0 + 56, y0 + height - 5, theme.status_color(status))
    put(fig, x0 + 28, mid, theme.status_mark(status) or "—",
        TEXT_SIZE, "white" if status in ("达序时", "严重落后") else theme.COLORS["text"], anchor="center", bold=True)
    put(fig, x0 + 72, mid, plot_text(fit(row["label"], TEXT_SIZE, 310)), TEXT_SIZE)
    big, detail = _target_value(row)
    put(fig, x0 + 530, mid, plot_text(big), LABEL_SIZE, status_text_color(status) if status else theme.COLORS["muted"],
        anchor="right", bold=True)
    # 943.91/900.00亿元 is 324 px: the detail column has 340
    put(fig, x0 + 545, mid, plot_text(fit(detail, TEXT_SIZE, COLUMN_STEP - 30 - 545)), TEXT_SIZE)


# ---------------------------------------------------------------- 4 县市区排名

bottom_units = ranking.bottom_units  # the month's bottom n, every unit tied at the boundary included


def interview_text(month_frame: pl.DataFrame, quarter_frame: pl.DataFrame, month: str) -> list[str]:
    """The 约谈 consequence in words: the rule, this month's bottom units, and the latest quarter's decision."""
    if ranking.unranked_january(month):
        return [ranking.JANUARY_NOTE]
    n = int(ranking.settings()["bottom_n"])
    bottom = bottom_units(month_frame, n)
    lines = []
    if bottom.height:
        names = "、".join(f"{r['unit_short']}（第{r['rank']}名，{r['score']:.1f}分）" for r in bottom.iter_rows(named=True))
        lines.append(f"本月排名末{n}位：{names}。")
    notice = ranking.quarter_notice(quarter_frame, month)
    if notice:
        lines.append(notice[1])
    lines.append(f"规则：季度排名末{n}位由分管副市长约谈，连续两个季度末{n}位由市长约谈。")
    return lines


def ranking_slide(ctx: Context, progress_rows: pl.DataFrame) -> go.Figure:
    all_scores = ranking.scores(progress_rows)
    month_frame = ranking.month_scores(all_scores, ctx.month)
    title = "县市区排名（综合得分）"
    if ranking.unranked_january(ctx.month):
        return nothing(frame(ctx, title, ctx.month_label), ranking.JANUARY_NOTE)
    if month_frame.is_empty() or month_frame["score"].is_null().all():
        reason = (progress.NO_TARGETS if progress.targets_missing(progress_rows, ctx.month)
                  else "所选月份没有县级主体的分主体目标")
        return nothing(frame(ctx, title, ctx.month_label), f"{reason}，无法计算综合得分")
    highlight = None if ctx.city else ctx.unit
    fig = ranking.ranking_figure(month_frame, highlight)
    fig.update_traces(selector={"type": "bar"}, textfont={"size": TEXT_SIZE})
    ranked = month_frame.filter(pl.col("score").is_not_null())
    bottom = bottom_units(month_frame)
    prev = month_frame["prev_month"].drop_nulls()
    compared = (f"较{int(prev[0][5:])}月" if prev.len()
                else "1–2月合并，不比较名次" if ranking.january_merged() and ctx.month[5:] == "02" else "无上月排名")
    fig = frame(ctx, title, f"{ctx.month_label}　{compared}", fig)
    # what the score covers, across the top: a green 100 must not read as "every target on pace"
    put(fig, LEFT, TOP + 10, fit(ranking.coverage() + "；右为全部目标中落后的项数", TEXT_SIZE, RIGHT - LEFT),
        TEXT_SIZE, bold=True)
    place(fig, (230, 1200), (TOP + 110, 930), legend=True)
    fig.update_xaxes(title={"text": "综合得分（100分=这些指标均达序时）"})
    if bottom.height:
        # a band behind the bottom rows (the category axis runs from the last place at 0 upwards)
        fig.add_shape(type="rect", xref="paper", yref="y", x0=_x(20), x1=_x(1230), y0=-0.5,
                      y1=bottom.height - 0.5, fillcolor="rgba(155,28,28,0.12)", line={"width": 0}, layer="below")
        fig.add_annotation(xref="paper", yref="y", x=_x(1225), y=(bottom.height - 1) / 2, text="<b>末位</b>",
                           showarrow=False, xanchor="right", font={"size": LABEL_SIZE,
                                                                   "color": theme.COLORS["far_behind"]})
    x0 = 1290
    put(fig, x0, TOP + 90, "约谈", HEADING_SIZE, theme.COLORS["far_behind"], bold=True)
    y = TOP + 155
    for text in interview_text(month_frame, ranking.quarters(all_scores), ctx.month):
        for line in wrap(text, TEXT_SIZE, RIGHT - x0):
            put(fig, x0, y, plot_text(line), TEXT_SIZE)
            y += 46
        y += 16
    put(fig, x0, max(y, 930), fit(f"参评{ranked.height}个主体，权重见“县市区排名”页", TEXT_SIZE, RIGHT - x0),
        TEXT_SIZE, theme.COLORS["muted"])
    return fig.done()


# ---------------------------------------------------------------- 5 地图

SCORE_MAP_METRIC = "score"  # the 综合得分 of the ranking slide (not a map__unit_metrics column)


def map_order(ctx: Context, map_metrics: pl.DataFrame, progress_rows: pl.DataFrame) -> pl.DataFrame:
    """The units of the map slide in their order, with value, status (colour) and rank: for the 综合得分 exactly the
    ranking slide's (ranking.month_scores); for 工业投资完成率 its status against 序时进度; else by value."""
    if ctx.map_metric not in map_view.MAP_METRICS:  # the default: the ranking's score
        month_frame = ranking.month_scores(ranking.scores(progress_rows), ctx.month)
        return (month_frame.filter(pl.col("score").is_not_null()).sort("rank", "sort_order")
                .select("unit_id", "unit_short", "rank", value="score", status="status"))
    metric = map_view.MAP_METRICS[ctx.map_metric]
    values = map_view.metric_values(map_metrics, ctx.map_metric)
    ordered = (map_metrics.select("unit_id", "unit_short", "sort_order").join(values, on="unit_id")
               .sort("value", "sort_order", descending=[not metric.higher_is_worse, False], nulls_last=True))
    if ctx.map_metric == "investment_rate":  # 完成率 (%) against 序时进度: the same status as the target pages
        p = progress.status_params()
        ratio = pl.col("value") / (100 * ctx.pace)
        status = (pl.when(pl.col("value").is_null()).then(None).when(ratio >= p["on_pace"]).then(pl.lit("达序时"))
                  .when(ratio >= p["far_behind"]).then(pl.lit("落后")).otherwise(pl.lit("严重落后")))
    else:
        status = pl.lit(None, pl.String)
    return ordered.with_columns(rank=pl.int_range(1, pl.len() + 1), status=status).select(
        "unit_id", "unit_short", "rank", "value", "status")


def _colour_by_status(fig: go.Figure, status: dict[str, str | None]) -> None:
    """Recolours the county map by status: green at or above 序时进度, amber and red below it (the break is the
    pace, not an equal interval), grey without a value; the stepped colour bar gives way to the status legend."""
    labels = []
    for trace in fig.data:
        unit_id = (trace.meta or {}).get("unit_id") if isinstance(trace.meta, dict) else None
        if unit_id:
            trace.fillcolor = theme.status_color(status.get(unit_id))
            labels.append(map_view.label_color(trace.fillcolor))
        elif trace.name == "县级主体":
            trace.textfont.color = labels
        elif trace.name == "功能区（大致位置）":
            trace.marker.color = [theme.status_color(status.get(z.unit_id)) for z in geo.ZONE_POINTS]
        elif trace.name == "图例":
            trace.marker.showscale = False


def map_slide(ctx: Context, map_metrics: pl.DataFrame, progress_rows: pl.DataFrame) -> go.Figure:
    key = ctx.map_metric if ctx.map_metric in map_view.MAP_METRICS else SCORE_MAP_METRIC
    label, unit = ((map_view.MAP_METRICS[key].label, map_view.MAP_METRICS[key].unit) if key != SCORE_MAP_METRIC
                   else ("综合得分", "分"))
    title = f"县级主体{label}"
    ordered = map_order(ctx, map_metrics, progress_rows)
    if map_metrics.is_empty() or ordered.is_empty() or ordered["value"].is_null().all():
        return nothing(frame(ctx, title, ctx.month_label), "本月没有地图数据")
    higher_is_worse = key != SCORE_MAP_METRIC and map_view.MAP_METRICS[key].higher_is_worse
    fig = map_view.county_choropleth_figure(ordered.select("unit_id", "value"), label, unit,
                                            higher_is_worse=higher_is_worse)
    by_status = ordered["status"].is_not_null().any()
    if by_status:
        _colour_by_status(fig, dict(zip(ordered["unit_id"], ordered["status"])))
    fig = frame(ctx, title, f"{ctx.month_label}　经开区、港区为大致位置", fig)
    place(fig, (LEFT, 1120), (TOP + 10, BOTTOM - 10))
    for trace in fig.data:
        if trace.marker is not None and trace.marker.showscale:
            trace.marker.colorbar.update(x=_x(1130), xanchor="left", y=0.5, len=0.7, thickness=28)
    # the ranked values beside the map: the map shows where, the list the order (the ranking slide's, for the score)
    x0 = 1380
    put(fig, x0, TOP + 40, plot_text(f"{label}（{unit}）"), LABEL_SIZE, bold=True)
    for i, row in enumerate(ordered.iter_rows(named=True)):
        y = TOP + 115 + i * 66
        color = status_text_color(row["status"]) if by_status else theme.COLORS["text"]
        mark = f"{theme.status_mark(row['status'])} " if row["status"] else ""
        put(fig, x0, y, plot_text(f"{row['rank']}. {row['unit_short']}"), LABEL_SIZE)
        put(fig, RIGHT, y, plot_text(mark + format_value(row["value"], unit)), LABEL_SIZE, color, anchor="right",
            bold=True)
    if by_status:
        pace = "100分" if key == SCORE_MAP_METRIC else f"序时进度{ctx.pace:.1%}"
        put(fig, x0, TOP + 115 + 9 * 66 + 10, f"颜色以{pace}为界：", TEXT_SIZE, theme.COLORS["muted"])
        put(fig, x0, TOP + 115 + 9 * 66 + 60, "✓达序时　▲落后　✕严重落后", TEXT_SIZE, theme.COLORS["muted"])
    return fig.done()


# ---------------------------------------------------------------- 6 “五未”土地

def signed(delta: float, unit: str) -> str:
    """A change with one sign, the minus a real minus (−30亩, +12亩), at the unit's precision; no arrow beside it."""
    return f"{'+' if delta > 0 else '−' if delta < 0 else ''}{format_value(abs(delta), unit)}"


def _change(now: float, before: float | None, word: str) -> str:
    if before is None:
        return "无上期"
    delta = now - before
    return f"较上月{signed(delta, word)}" if delta else "与上月持平"


def idle_slide(ctx: Context, idle_by_unit: pl.DataFrame) -> go.Figure:
    title = "“五未”土地"
    if idle_by_unit.is_empty():
        return nothing(frame(ctx, title, ctx.month_label), "本月没有土地数据")
    total = idle_land.grand_total(idle_by_unit)
    per_category = idle_land.totals(idle_by_unit)
    if ctx.city:
        fig = idle_land.by_unit_figure(idle_by_unit, "area")
    else:
        fig = go.Figure(go.Bar(
            x=per_category["category"].to_list(), y=per_category["idle_area"].to_list(),
            marker_color=[theme.FIVE_IDLE_COLORS[c] for c in per_category["category"]],
            text=[f"{v:,.0f}" for v in per_category["idle_area"]], textposition="outside", cliponaxis=False))
        fig.update_layout(yaxis={"title": "“五未”面积（亩）",
                                 "range": [0, max(1.0, float(per_category["idle_area"].max() or 0)) * 1.2]})
    prev = idle_by_unit["prev_month"][0]
    fig = frame(ctx, title, f"{ctx.month_label}　{'较' + str(int(prev[5:])) + '月' if prev else '无上期快照'}", fig)
    place(fig, (230, RIGHT), (520, 940), legend=ctx.city)  # room for 6,000 beside the axis title
    put(fig, LEFT, 250, format_value(total["idle_area"], "亩"), KEY_SIZE, theme.COLORS["far_behind"], bold=True)
    put(fig, LEFT, 350, f"{total['parcels']:,.0f}宗　{_change(total['idle_area'], total['idle_area_prev'], '亩')}",
        LABEL_SIZE)
    for i, row in enumerate(per_category.iter_rows(named=True)):
        x = 780 + i * 216
        box(fig, x, 195, x + 12, 395, theme.FIVE_IDLE_COLORS[row["category"]])
        put(fig, x + 24, 220, plot_text(row["category"]), TEXT_SIZE)
        put(fig, x + 24, 280, f"{row['idle_area']:,.0f}亩", LABEL_SIZE, bold=True)
        put(fig, x + 24, 330, f"{row['parcels']:,}宗", TEXT_SIZE)
        delta = None if row["idle_area_prev"] is None else row["idle_area"] - row["idle_area_prev"]
        put(fig, x + 24, 375, "—" if delta is None else signed(delta, "亩"), TEXT_SIZE,
            theme.COLORS["far_behind"] if (delta or 0) > 0 else STATUS_TEXT["达序时"])
    return fig.done()


# ---------------------------------------------------------------- 7 蜗牛项目

LIST_LEFT = 1120
TOP_PROJECTS = 10


def longest_late(snails: pl.DataFrame, n: int = TOP_PROJECTS) -> pl.DataFrame:
    return snails.sort(["months_late", "total_investment_yi", "project_code"], descending=[True, True, False],
                       nulls_last=True).head(n)


def snail_slide(ctx: Context, snails: pl.DataFrame) -> go.Figure:
    types = snail_warnings.snail_type_counts(snails)
    counts = snail_warnings.snails_by_unit(snails, ctx.unit)
    fig = snail_warnings.snails_by_unit_figure(counts)
    fig = frame(ctx, "蜗牛项目（超合同开工/竣工日期6个月以上）", ctx.month_label, fig)
    place(fig, (150, 1060), (470, 940), legend=True)
    put(fig, LEFT, 250, f"{snails.height:,}<span style='font-size:{LABEL_SIZE}px'>个</span>", KEY_SIZE,
        theme.COLORS["far_behind"], bold=True)
    put(fig, LEFT, 345, f"开工滞后{types['开工滞后']:,}个　竣工滞后{types['竣工滞后']:,}个", LABEL_SIZE)
    put(fig, LIST_LEFT, TOP + 40, "滞后最久的项目", HEADING_SIZE, bold=True)
    top = longest_late(snails)
    if top.is_empty():
        put(fig, LIST_LEFT, TOP + 130, "本月没有蜗牛项目", LABEL_SIZE, theme.COLORS["muted"])
    for i, row in enumerate(top.iter_rows(named=True)):
        y = TOP + 115 + i * 68
        put(fig, LIST_LEFT, y, plot_text(fit(f"{i + 1}. {row['project_name']}", TEXT_SIZE, 480)), TEXT_SIZE)
        put(fig, 1620, y, plot_text(row["unit_short"]), TEXT_SIZE, anchor="left")
        put(fig, RIGHT, y, f"{row['months_late']:,}个月", TEXT_SIZE, theme.COLORS["far_behind"], anchor="right",
            bold=True)
    if snails.height > TOP_PROJECTS:
        put(fig, LIST_LEFT, TOP + 115 + TOP_PROJECTS * 68, f"另有{snails.height - TOP_PROJECTS:,}个（见通报清单）",
            TEXT_SIZE, theme.COLORS["muted"])
    return fig.done()


# ---------------------------------------------------------------- 8 红色预警

TOP_RED = 7


def red_warnings(warnings: pl.DataFrame, unit: str) -> pl.DataFrame:
    """The unit's 红色预警 projects, the longest overdue first."""
    return (snail_warnings.warnings_of_unit(warnings, unit).filter(pl.col("grade") == "红")
            .sort(["max_overdue_days", "investment_ratio", "project_code"], descending=[True, False, False],
                  nulls_last=True))


def document_text(text: str) -> str:
    """A data text in the register of the slides: Chinese double quotes (“报建”, not ‘报建’) and dates as
    2021年1月27日 (not 2021-01-27)."""
    text = re.sub(r"‘([^‘’]*)’", r"“\1”", text)
    return re.sub(r"(\d{4})-(\d{2})-(\d{2})", lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)


def short_reason(reasons: str) -> str:
    """The first reason without its parenthesised tally (the list in the 通报 has it in full)."""
    first = re.split(r"[；;]", reasons or "")[0]
    return document_text(re.sub(r"（共[^）]*）", "", first))


def red_slide(ctx: Context, warnings: pl.DataFrame) -> go.Figure:
    red = red_warnings(warnings, ctx.unit)
    counts = snail_warnings.warnings_by_unit(red, ctx.unit).filter(pl.col("grade") == "红")
    fig = snail_warnings.warnings_by_unit_figure(counts)
    fig = frame(ctx, "红色预警项目", ctx.month_label, fig)
    place(fig, (150, 1060), (470, 940))
    fig.update_yaxes(title={"text": "红色预警（个）"})
    put(fig, LEFT, 250, f"{red.height:,}<span style='font-size:{LABEL_SIZE}px'>个</span>", KEY_SIZE,
        theme.COLORS["far_behind"], bold=True)
    yellow = snail_warnings.grade_counts(snail_warnings.warnings_of_unit(warnings, ctx.unit))["黄"]
    put(fig, LEFT, 345, f"另有黄色预警{yellow:,}个", LABEL_SIZE)
    put(fig, LIST_LEFT, TOP + 40, "逾期最久的红色预警项目", HEADING_SIZE, bold=True)
    if red.is_empty():
        put(fig, LIST_LEFT, TOP + 130, "本月没有红色预警项目", LABEL_SIZE, theme.COLORS["muted"])
    for i, row in enumerate(red.head(TOP_RED).iter_rows(named=True)):
        y = TOP + 115 + i * 100
        put(fig, LIST_LEFT, y, plot_text(fit(f"{i + 1}. {row['project_name']}", TEXT_SIZE, 560)), TEXT_SIZE,
            bold=True)
        put(fig, RIGHT, y, plot_text(units.unit_short(row["unit_id"])), TEXT_SIZE, anchor="right")
        put(fig, LIST_LEFT + 44, y + 44,
            plot_text(fit(short_reason(row["reasons"]), TEXT_SIZE, RIGHT - LIST_LEFT - 44)),
            TEXT_SIZE, theme.COLORS["far_behind"])
    if red.height > TOP_RED:
        put(fig, LIST_LEFT, TOP + 115 + TOP_RED * 100, f"另有{red.height - TOP_RED:,}个（见通报清单）", TEXT_SIZE,
            theme.COLORS["muted"])
    return fig.done()


# ---------------------------------------------------------------- 9 需研究解决

@dataclass(frozen=True)
class Decision:
    topic: str  # 排名末位 / 严重落后目标 / 重大项目
    text: str
    unit: str  # unit short name, or 全市


def big_problem_projects(projects: pl.DataFrame, snails: pl.DataFrame, warnings: pl.DataFrame,
                         unit: str) -> pl.DataFrame:
    """百亿级 or 专班 projects that are 蜗牛 or 红色预警, with why, biggest first."""
    red = red_warnings(warnings, unit).select("project_code", red_reason="reasons")
    late = snails.select("project_code", "snail_type", "months_late")
    picked = projects if unit == units.CITY_ID else projects.filter(pl.col("unit_id") == unit)
    return (picked.filter((pl.col("size_tier") == "百亿级") | pl.col("needs_task_force"))
            .join(late, on="project_code", how="left").join(red, on="project_code", how="left")
            .filter(pl.col("snail_type").is_not_null() | pl.col("red_reason").is_not_null())
            .sort(["total_investment_yi", "project_code"], descending=[True, False]))


def decisions(progress_rows: pl.DataFrame, snails: pl.DataFrame, warnings: pl.DataFrame,
              projects: pl.DataFrame, month: str, unit: str,
              problem_register: pl.DataFrame | None = None,
              upcoming_snails: pl.DataFrame | None = None) -> list[Decision]:
    """What the meeting must decide: first the problems submitted to it and the 严重超期 ones of big projects
    (cockpit/views/problems.py), then from the data: units at the bottom, targets far behind, big stuck projects,
    and projects of 10亿元 and above that turn 蜗牛 next month unless they start or complete first (临期预警)."""
    from cockpit.views import problems as problems_view

    items = [] if problem_register is None else problems_view.meeting_items(problem_register, unit)
    all_scores = ranking.scores(progress_rows)
    month_frame = ranking.month_scores(all_scores, month)
    quarter_frame = ranking.quarters(all_scores)
    latest_quarter = quarter_frame.filter((pl.col("snapshot_month") <= month)
                                          & (pl.col("year") == int(month[:4])))
    if latest_quarter.height:
        latest_quarter = latest_quarter.filter(pl.col("quarter_index") == pl.col("quarter_index").max())
    for row in (month_frame.clear() if ranking.unranked_january(month) else bottom_units(month_frame)).iter_rows(
            named=True):
        if unit not in (units.CITY_ID, row["unit_id"]):
            continue
        q = latest_quarter.filter(pl.col("unit_id") == row["unit_id"])
        who = q["interview"][0] if q.height and q["interview"][0] else None
        text = f"本月排名第{row['rank']}名（{row['score']:.1f}分），最弱指标{row['weakest'] or '—'}"
        if who:
            text += f"；{'连续两个季度末位，' if q['consecutive'][0] else '季度末位，'}{who}"
        items.append(Decision("排名末位", text, row["unit_short"]))
    view = progress.month_view(progress_rows, month, unit)
    for row in worst_first(view).filter(pl.col("status") == "严重落后").iter_rows(named=True):
        big, _ = _target_value(row)
        what = "完成率" if row["kind"] == "cumulative" else "实际"
        items.append(Decision("严重落后目标", f"{row['label']}：{what}{big}，{progress.gap_text(row)}",
                              units.unit_short(unit) if unit != units.CITY_ID else "全市"))
    for row in big_problem_projects(projects, snails, warnings, unit).iter_rows(named=True):
        why = []
        if row["snail_type"]:
            why.append(f"蜗牛（{row['snail_type']}{row['months_late']}个月）")
        if row["red_reason"]:
            why.append("红色预警")
        items.append(Decision("重大项目", f"{row['project_name']}（{format_value(row['total_investment_yi'], '亿元')}，"
                                          f"{row['leader_tier']}联系）：{'、'.join(why)}", row["unit_short"]))
    if upcoming_snails is not None:
        items += snail_warnings.upcoming_decisions(upcoming_snails, unit)
    return items


DECISION_TOPICS = {"提交例会问题": "推进组提交例会的问题", "严重超期问题": "10亿元以上项目严重超期问题",
                   "排名末位": "排名末位主体", "严重落后目标": "严重落后目标",
                   "重大项目": "百亿级/专班项目（蜗牛或红色预警）", "临期蜗牛": "下月将成为蜗牛的10亿元以上项目"}
CHINESE_NUMERALS = "一二三四五六七八九十"
DECISION_TEXT_LEFT = LEFT + 230
HEADING_STEP, LINE_STEP, ITEM_GAP, TOPIC_GAP = 62, 52, 8, 12


def decision_lines(item: Decision) -> list[str]:
    """An item's text in whole lines (never cut mid-word, never shortened with …)."""
    return wrap(item.text, LABEL_SIZE, RIGHT - DECISION_TEXT_LEFT)


# from the first heading's middle (TOP + 30) to the last line's middle (BOTTOM − 20), plus the step and gaps that
# follow the last line (counted in `used` but not drawn)
DECISION_SPACE = (BOTTOM - 20) - (TOP + 30) + LINE_STEP + ITEM_GAP + TOPIC_GAP


def decision_layout(items: list[Decision], space: float = DECISION_SPACE) -> dict[str, int]:
    """How many items of each topic the slide shows: every topic present gets its heading, then items are added
    topic by topic in turn, each in its order, while they fit in `space` px; the rest are "另有N项"."""
    by_topic = {t: [d for d in items if d.topic == t] for t in DECISION_TOPICS}
    present = [t for t in DECISION_TOPICS if by_topic[t]]
    shown = dict.fromkeys(present, 0)
    used = sum(HEADING_STEP + TOPIC_GAP for _ in present)
    added = True
    while added:
        added = False
        for topic in present:
            if shown[topic] == len(by_topic[topic]):
                continue
            height = len(decision_lines(by_topic[topic][shown[topic]])) * LINE_STEP + ITEM_GAP
            if used + height <= space:
                used += height
                shown[topic] += 1
                added = True
    return shown


def decisions_slide(ctx: Context, progress_rows: pl.DataFrame, snails: pl.DataFrame, warnings: pl.DataFrame,
                    projects: pl.DataFrame, problem_register: pl.DataFrame | None = None,
                    upcoming_snails: pl.DataFrame | None = None) -> go.Figure:
    items = decisions(progress_rows, snails, warnings, projects, ctx.month, ctx.unit, problem_register,
                      upcoming_snails)
    fig = frame(ctx, "需研究解决的事项", f"{ctx.month_label}　共{len(items)}项")
    if not items:
        return nothing(fig, "本月没有需提交会议研究的事项")
    shown = decision_layout(items)
    y = TOP + 30
    for number, (topic, count) in enumerate(shown.items()):
        of_topic = [d for d in items if d.topic == topic]
        hidden = len(of_topic) - count
        put(fig, LEFT, y, f"{CHINESE_NUMERALS[number]}、{DECISION_TOPICS[topic]}" + (f"（另有{hidden}项见通报）" if hidden else ""),
            LABEL_SIZE, theme.COLORS["primary"], bold=True)
        y += HEADING_STEP
        for item in of_topic[:count]:
            put(fig, LEFT + 40, y, plot_text(item.unit), LABEL_SIZE, theme.COLORS["far_behind"], bold=True)
            for line in decision_lines(item):
                put(fig, DECISION_TEXT_LEFT, y, plot_text(line), LABEL_SIZE)
                y += LINE_STEP
            y += ITEM_GAP
        y += TOPIC_GAP
    return fig.done()


# ---------------------------------------------------------------- the sequence

def problems_slide(ctx: Context, register: pl.DataFrame) -> go.Figure:
    from cockpit.views import problems as problems_view  # it draws with this module's helpers

    return problems_view.slide(ctx, register)


@dataclass(frozen=True)
class Slide:
    name: str  # file name part: 01-封面.png
    title: str  # agenda line
    needs: tuple[str, ...]  # frames the builder takes (cockpit/briefing.py names and runs the queries)
    build: Callable[..., go.Figure]


SLIDES: tuple[Slide, ...] = (
    Slide("封面", "封面", (), cover_slide),
    Slide("总量", "总量", ("progress_rows",), totals_slide),
    Slide("全部目标", "全部目标", ("progress_rows", "inspection_refuted"), targets_slide),
    Slide("县市区排名", "县市区排名", ("progress_rows",), ranking_slide),
    Slide("年度考核", "年度考核", ("progress_rows",), ranking_annual.slide),  # issue 19 §3
    Slide("一把手招商", "“一把手”外出招商", ("promotion_by_unit",), promotion.slide),  # issue 18 §3
    Slide("地图", "地图", ("map_metrics", "progress_rows"), map_slide),
    Slide("五未土地", "“五未”土地", ("idle_by_unit",), idle_slide),
    Slide("蜗牛项目", "蜗牛项目", ("snails",), snail_slide),
    Slide("红色预警", "红色预警", ("warnings",), red_slide),
    Slide("督查核查", "督查核查", ("inspection_by_unit", "inspection_refuted"), inspection.slide),  # issue 18 §1
    Slide("问题清单", "问题清单", ("problem_register",), problems_slide),
    Slide("需研究解决", "需研究解决", ("progress_rows", "snails", "warnings", "projects", "problem_register",
                                     "upcoming_snails"), decisions_slide),
)


# 会议模式 from a page: the slide of the same subject (pages/<name>.py → slide name); other pages open the cover
PAGE_SLIDES = {"home": "总量", "target_progress": "全部目标", "ranking": "县市区排名", "map": "地图",
               "idle_land": "五未土地", "snail_warnings": "蜗牛项目"}


# a view of a page with a slide of its own: (page, the view chosen in its tab bar) → slide name
TAB_SLIDES = {("ranking", "年度累计"): "年度考核"}  # issue 19 §3


def page_name(page: str) -> str:
    """The page's name from its url path or file name: /ranking, pages/ranking.py → ranking."""
    return page.strip("/").removeprefix("pages/").removesuffix(".py")


def slide_for_page(page: str, tab: str | None = None) -> int:
    """The 1-based slide matching a page (its url path or file name) and the view chosen in its tab bar, found by
    name: slides inserted later move it along."""
    key = page_name(page)
    name = TAB_SLIDES.get((key, tab)) or PAGE_SLIDES.get(key)
    return next((i for i, s in enumerate(SLIDES, start=1) if s.name == name), 1)


def slide_number(text: object, total: int = len(SLIDES)) -> int:
    """The 1-based slide from a URL value; 1 for anything that is not a slide number."""
    try:
        number = int(str(text))
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= total else 1


def step(number: int, action: str, total: int = len(SLIDES)) -> int:
    """The slide after a key: next and previous wrap around; first and last jump."""
    if action == "next":
        return number % total + 1
    if action == "prev":
        return (number - 2) % total + 1
    if action == "first":
        return 1
    if action == "last":
        return total
    return number


def auto_seconds(text: object) -> int | None:
    """The auto-advance interval from the URL (?auto=30), 5–600 seconds; None (off) for anything else."""
    try:
        seconds = int(str(text))
    except (TypeError, ValueError):
        return None
    return seconds if 5 <= seconds <= 600 else None


def auto_advance(number: int, shown: tuple[int, float] | None, now: float, seconds: float,
                 total: int = len(SLIDES)) -> tuple[int, tuple[int, float]]:
    """The slide to show on a timed run, and since when it shows. A slide changed by a key (or shown for the
    first time) starts its own interval; a slide shown for `seconds` gives way to the next (half a second's
    slack: the timer and the run do not start at the same instant)."""
    if shown is None or shown[0] != number:
        return number, (number, now)
    if now - shown[1] >= seconds - 0.5:
        following = step(number, "next", total)
        return following, (following, now)
    return number, shown


def build(number: int, frames: dict[str, pl.DataFrame], month: str, unit: str,
          map_metric: str = DEFAULT_MAP_METRIC, note: str = "") -> go.Figure:
    """Slide `number` (1-based) from the frames its builder needs; `note` is said on the slide (a month shown in
    place of one without data)."""
    slide = SLIDES[number - 1]
    ctx = Context(month, unit, number, len(SLIDES), map_metric, note)
    return slide.build(ctx, *(frames[name] for name in slide.needs))


def file_name(number: int) -> str:
    return f"{number:02d}-{SLIDES[number - 1].name}.png"
