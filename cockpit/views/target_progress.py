"""目标进度: views of queries/progress__by_metric.sql (one unit's targets, trend, unit matrix) and their figures."""
from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels, units
from cockpit.charts import theme
from cockpit.metrics import METRIC_BY_KEY, MONTHLY_INDICATORS, format_value

STATUSES = ("达序时", "落后", "严重落后")
# Columns of progress__by_metric in the metric's storage unit; divided by display_factor for 亿元 / 亿美元.
AMOUNT_COLUMNS = ("value", "prior_value", "target", "pace_target", "pace_gap", "remaining", "needed_per_month",
                  "city_reported", "units_sum", "unit_targets_sum")

PACE_DEFINITION = ("口径：序时进度=所选月份÷12；完成率=本年累计÷全年目标；累计类指标以完成率÷序时进度判断："
                   "≥{on_pace:.0%}为达序时（恰好等于序时进度即达序时，按本年累计×12与全年目标×月份精确比较），"
                   "≥{far_behind:.0%}为落后，其余为严重落后。"
                   "比率类（签约项目注册率）、增长类（…增长，同比）以实际值与目标值比较："
                   "达到目标为达序时，注册率差距不超过{rate_pts:g}个百分点、增长差距不超过{growth_pts:g}个百分点为落后，"
                   "其余为严重落后。"
                   "差序时=全年目标×序时进度−本年累计，超过序时进度时显示为“超序时”；"
                   "剩余月均需完成=（全年目标−本年累计）÷剩余月数。")
CITY_DEFINITION = ("全市：项目与用地类指标按九个主体的项目、地块合计；月度指标用报送的全市数据，未报送时取九个主体合计；"
                   "全市目标用下达的全市目标，未下达时取九个主体目标之和（需九个主体均有目标）。")
TREND_DEFINITION = ("口径：本年累计取各月快照；序时线为全年目标按月平均（目标×月份÷12）；上年同期取月度指标“上年同期累计”，"
                    "无则取上年同月快照。")
REQUIREMENT_DEFINITION = ("口径：计划要求每个县级主体本年引进百亿级项目≥{projects_10b}个、50–100亿元项目≥{projects_5b_10b}个、"
                          "10–50亿元项目≥{projects_1b_5b}个；按签约日期在本年且截至月末、总投资分档（含下限）计数。")


def settings() -> dict:
    return config.section("progress")


def status_params() -> dict[str, float]:
    """The status thresholds progress__by_metric takes, from config [progress]."""
    s = settings()
    return {k: float(s[k]) for k in ("on_pace", "far_behind", "rate_far_behind_points", "growth_far_behind_points")}


def pace_definition() -> str:
    p = status_params()
    return PACE_DEFINITION.format(on_pace=p["on_pace"], far_behind=p["far_behind"],
                                  rate_pts=p["rate_far_behind_points"], growth_pts=p["growth_far_behind_points"])


def requirement_definition() -> str:
    return REQUIREMENT_DEFINITION.format(**unit_minimum())


def unit_minimum() -> dict[str, int]:
    return {k: int(v) for k, v in settings()["unit_minimum"].items()}


def in_display_units(rows: pl.DataFrame) -> pl.DataFrame:
    """Amounts in the metric's display unit (万元 → 亿元, 万美元 → 亿美元); other columns unchanged."""
    return rows.with_columns((pl.col(c) / pl.col("display_factor")).alias(c) for c in AMOUNT_COLUMNS)


def month_view(rows: pl.DataFrame, month: str, unit: str) -> pl.DataFrame:
    """One unit's (or 全市's) metrics in the snapshot month, in catalogue order, amounts in display units."""
    return in_display_units(rows.filter((pl.col("snapshot_month") == month) & (pl.col("unit_id") == unit))
                            .sort("metric_order"))


def pace_of(view: pl.DataFrame) -> float:
    return float(view["pace"][0]) if view.height else 0.0


def _fmt(value: float | None, unit: str, digits: int | None = None) -> str:
    if value is None:
        return "—"
    if unit in ("亿元", "亿美元") and digits is None:
        digits = 2
    return format_value(value, unit, digits)


def gap_text(row: dict) -> str:
    """还差多少: behind or ahead of pace (cumulative), or of the target (rate, growth). Counts are whole
    projects: behind by 0.75 of a project means one more is needed; ahead by 0.25 is just 达序时."""
    gap, unit = row["pace_gap"], row["unit"]
    if gap is None:
        return "—"
    if row["kind"] == "cumulative":
        if unit == "个":
            whole = math.ceil(gap - 1e-9) if gap > 0 else math.floor(-gap + 1e-9)
            return f"差序时{whole}个" if gap > 0 else f"超序时{whole}个" if whole else "达序时"
        if gap == 0:  # exact: progress__by_metric computes the gap without float noise
            return "恰好达序时"
        word = "差序时" if gap > 0 else "超序时"
        shown = _fmt(abs(gap), unit)
        if _is_zero_shown(shown):  # behind by less than the last digit shown: say so, never "差序时0.00亿元"
            return f"{word}不足{_fmt(_smallest_shown(unit), unit)}"
        return f"{word}{shown}"
    points = f"{abs(gap):.1f}个百分点"
    return f"低于目标{points}" if gap > 0 else f"达到目标（高{points}）" if gap < 0 else "恰好达到目标"


def _is_zero_shown(text: str) -> bool:
    return not any(ch in "123456789" for ch in text)


def _smallest_shown(unit: str) -> float:
    """The last digit _fmt shows for the unit (0.01 for 亿元, 1 for 亩 …)."""
    return {"亿元": 0.01, "亿美元": 0.01, "%": 0.1}.get(unit, 1.0)


def needed_text(row: dict) -> str:
    """What the remaining months must bring to reach the year's target: per month (counts: in all, and per
    month to one decimal, since a fraction of a project a month is only a rate)."""
    if row["kind"] != "cumulative" or row["target"] is None or row["value"] is None:
        return "—"
    remaining, unit, months = row["remaining"], row["unit"], row["months_left"]
    if remaining is not None and remaining <= 0:
        return "已完成全年目标"
    if unit == "个":
        still = math.ceil(remaining - 1e-9)
        return (f"全年缺口{still}个" if months == 0
                else f"剩余{months}个月还需{still}个（月均{row['needed_per_month']:.1f}个）")
    if months == 0:
        return f"全年缺口{_fmt(remaining, unit)}"
    return f"剩余{months}个月月均需{_fmt(row['needed_per_month'], unit)}"


def note_text(row: dict) -> str:
    """Extra facts of a row: the rate's counts, the growth's base, the 全市 reconciliation, the target's source."""
    notes = []
    if row["kind"] == "rate" and row["denominator"] is not None:
        notes.append(f"本年签约{row['denominator']:,.0f}个，已注册{row['numerator']:,.0f}个")
    if row["kind"] == "growth" and row["base_value"] is not None:
        metric = METRIC_BY_KEY[row["metric_key"]]
        unit = "亿美元" if MONTHLY_INDICATORS.get(metric.base or "") == "USD" else "亿元"
        prior = row["base_prior_value"]
        notes.append(f"{metric.base}本年累计{_fmt(row['base_value'] / 10000, unit)}"
                     + (f"，上年同期{_fmt(prior / 10000, unit)}" if prior is not None else "，无上年同期数"))
    if row["unit_id"] == units.CITY_ID and row["kind"] == "cumulative" and row["source"] == "indicator":
        notes.append(reconciliation_text(row) or "")
    elif row["kind"] == "growth" and partial_text(row):
        notes.append(f"全市为已报送的{row['units_reported']}个主体合计；{partial_text(row)}")
    if row["target_source"] == "九个主体目标合计":
        notes.append("全市目标取九个主体目标之和")
    notes.append(target_sum_text(row) or "")
    return "；".join(n for n in notes if n)


def target_sum_text(row: dict) -> str | None:
    """全市 target against the sum of the nine unit targets (cumulative metrics), when all nine are given and the
    sums differ: "全市目标900.00亿元，九个主体目标合计934.00亿元（多34.00亿元）" (display units). A sum of only some
    units' targets is not comparable with the city's and is not shown."""
    city, total, count = row["target"], row.get("unit_targets_sum"), row.get("unit_targets_count") or 0
    if (row["unit_id"] != units.CITY_ID or row["kind"] != "cumulative" or city is None or total is None
            or count != len(units.UNITS)):
        return None
    if abs(city - total) < 1e-9 * max(abs(city), 1.0):
        return None
    unit = row["unit"]
    more = "多" if total > city else "少"
    return f"全市目标{_fmt(city, unit)}，九个主体目标合计{_fmt(total, unit)}（{more}{_fmt(abs(total - city), unit)}）"


def target_sum_notes(view: pl.DataFrame) -> list[str]:
    """The 全市 metrics whose target differs from the sum of the unit targets, as sentences for the page."""
    return [f"{r['label']}：{target_sum_text(r)}" for r in view.iter_rows(named=True) if target_sum_text(r)]


def reconciliation_text(row: dict) -> str | None:
    """全市 against the nine units' sum for a 月度指标 metric (amounts in display units)."""
    city, total, unit = row["city_reported"], row["units_sum"], row["unit"]
    if total is None and city is None:
        return None
    if city is None:
        count = row["units_reported"] or 0
        return ("全市=九个主体合计" if count == len(units.UNITS)
                else f"全市=已报送的{count}个主体合计；{partial_text(row)}")
    if total is None:
        return "仅有全市数据，无分主体数据"
    partial = "" if row["units_reported"] == len(units.UNITS) else f"（{row['units_reported']}个主体报送）"
    if abs(city - total) < 0.005:
        return f"全市数据与九个主体合计一致{partial}"
    return (f"全市数据{_fmt(city, unit, 1)}，九个主体合计{partial}{_fmt(total, unit, 1)}，"
            f"差{_fmt(city - total, unit, 1)}")


def partial_text(row: dict) -> str | None:
    """"8个主体未报送：秀洲区、…" when a 全市 figure is the sum of fewer than nine units; None when it is whole."""
    if row["unit_id"] != units.CITY_ID or not row.get("units_missing"):
        return None
    return f"{len(units.UNITS) - (row['units_reported'] or 0)}个主体未报送：{row['units_missing']}"


def partial_city_notes(view: pl.DataFrame) -> list[str]:
    """One sentence per group of 全市 metrics that sum the same subset of units (a growth metric shares its
    indicator's), e.g. "工业投资、工业投资增长：全市仅为已报送的1个主体合计，8个主体未报送：秀洲区、…"."""
    partial = view.filter((pl.col("unit_id") == units.CITY_ID) & pl.col("units_missing").is_not_null())
    notes = []
    for (_missing,), group in partial.group_by("units_missing", maintain_order=True):
        row = group.row(0, named=True)
        notes.append(f"{'、'.join(group['label'].to_list())}：全市仅为已报送的{row['units_reported']}个主体合计，"
                     f"{partial_text(row)}")
    return notes


def reconciliation_notes(view: pl.DataFrame) -> list[str]:
    """The 全市 indicator rows whose supplied figure differs from the nine units' sum, as sentences."""
    notes = []
    for row in view.filter((pl.col("unit_id") == units.CITY_ID) & (pl.col("kind") == "cumulative")
                           & pl.col("city_reported").is_not_null() & pl.col("units_sum").is_not_null()
                           & ((pl.col("city_reported") - pl.col("units_sum")).abs() >= 0.005)).iter_rows(named=True):
        notes.append(f"{row['label']}：{reconciliation_text(row)}")
    return notes


def table(view: pl.DataFrame) -> pl.DataFrame:
    """The analyst's table: every metric with all its columns, Chinese headers, numbers kept numeric except
    差序时, which reads as words ("超序时43.91亿元", "差序时2个") rather than a signed number in mixed units."""
    rows = view.to_dicts()
    cumulative = pl.col("kind") == "cumulative"
    return labels.table(
        view.with_columns(
            pl.Series("gap_text", [gap_text(r) for r in rows], dtype=pl.String),
            pl.Series("needed_text", [needed_text(r) for r in rows], dtype=pl.String),
            pl.Series("note", [note_text(r) for r in rows], dtype=pl.String)),
        "metric_group", "label", "unit", *(pl.col(c).round(2) for c in ("value", "target")),
        (pl.col("completion") * 100).alias("completion_pct"),
        pl.when(cumulative).then(pl.col("pace") * 100).alias("pace_pct"),
        pl.col("pace_target").round(2), "gap_text", *(pl.col(c).round(2) for c in ("needed_per_month", "prior_value")),
        pl.col("growth").alias("growth_pct"),
        pl.coalesce("status", "missing_reason").alias("status"),
        "needed_text", *(["projection_text"] if "projection_text" in view.columns else []), "note", "definition",
    )


# ---------------------------------------------------------------- year-end projection (issue 19 §2)

PROJECTION_DEFINITION = ("口径：按上年节奏预计全年=本年累计×（上年12月累计÷上年同期累计）。金额类指标的上年同期累计取月度指标"
                         "“上年同期累计”（未填则取上年同月快照），上年12月累计取上年12月快照；项目、用地等计数类指标两者均取上年"
                         "快照。缺口=全年目标−预计全年。上年12月或上年同期数据缺失、上年同期为0时不测算（“上年数据不足”）；"
                         "仅累计类指标测算。")


def projections(rows: pl.DataFrame, month: str) -> pl.DataFrame:
    """Per unit and cumulative metric of `month`: projected year-end value = value × last December ÷ last year's
    same-month value (prior_value: 上年同期累计 or last year's snapshot), in the storage unit; projection_note
    says why there is none. Columns: unit_id, metric_key, last_december, projection_ratio, projection,
    projection_gap, projection_note."""
    year = int(month[:4])
    now = rows.filter((pl.col("snapshot_month") == month) & (pl.col("kind") == "cumulative"))
    december = (rows.filter(pl.col("snapshot_month") == f"{year - 1}-12")
                .select("unit_id", "metric_key", pl.col("value").alias("last_december")))
    joined = now.join(december, on=["unit_id", "metric_key"], how="left")
    usable = (pl.col("value").is_not_null() & pl.col("last_december").is_not_null()
              & pl.col("prior_value").is_not_null() & (pl.col("prior_value") > 0))
    ratio = pl.when(usable).then(pl.col("last_december") / pl.col("prior_value"))
    return joined.select(
        "unit_id", "metric_key", "last_december",
        ratio.alias("projection_ratio"),
        pl.when(usable).then(pl.col("value") * pl.col("last_december") / pl.col("prior_value")).alias("projection"),
        pl.when(usable & pl.col("target").is_not_null())
        .then(pl.col("target") - pl.col("value") * pl.col("last_december") / pl.col("prior_value"))
        .alias("projection_gap"),
        pl.when(pl.col("value").is_null()).then(pl.lit("本年无数据"))
        .when(pl.col("last_december").is_null()).then(pl.lit("上年数据不足（无上年12月数据）"))
        .when(pl.col("prior_value").is_null()).then(pl.lit("上年数据不足（无上年同期数据）"))
        .when(pl.col("prior_value") <= 0).then(pl.lit("上年同期为0，无法按上年节奏测算"))
        .alias("projection_note"),
    )


def projection_text(row: dict) -> str:
    """“按上年节奏，预计全年完成X（目标Y，缺口Z）” in the metric's display unit (row amounts already divided)."""
    if row.get("kind") != "cumulative":
        return "—"
    if row.get("projection") is None:
        return row.get("projection_note") or "—"
    unit = row["unit"]
    digits = 0 if unit == "个" else None
    shown = _fmt(row["projection"], unit, digits)
    if row.get("target") is None:
        return f"按上年节奏，预计全年完成{shown}（无目标）"
    gap = row["target"] - row["projection"]
    target = _fmt(row["target"], unit, digits)
    if unit == "个":
        gap_words = f"缺口{math.ceil(gap - 1e-9)}个" if gap > 1e-9 else f"超出{math.floor(-gap + 1e-9)}个"
    else:
        gap_words = f"缺口{_fmt(gap, unit)}" if gap > 0 else f"超出{_fmt(-gap, unit)}"
    return f"按上年节奏，预计全年完成{shown}（目标{target}，{gap_words}）"


def with_projection(view: pl.DataFrame, rows: pl.DataFrame, month: str) -> pl.DataFrame:
    """month_view rows with projection columns (display units) and projection_text, for table()."""
    projected = projections(rows, month)
    out = (view.join(projected, on=["unit_id", "metric_key"], how="left")
           .with_columns((pl.col(c) / pl.col("display_factor")).alias(c)
                         for c in ("projection", "projection_gap", "last_december")))
    return out.with_columns(pl.Series("projection_text", [projection_text(r) for r in out.to_dicts()],
                                      dtype=pl.String))


# ---------------------------------------------------------------- figures

def headline_figure(view: pl.DataFrame, keys: list[str], columns: int = 3) -> go.Figure:
    """Big tiles for the meeting: per headline metric its 完成率 (coloured by status), amount and gap."""
    chosen = [r for key in keys for r in view.filter(pl.col("metric_key") == key).iter_rows(named=True)]
    fig = go.Figure()
    rows_n = max(1, -(-len(chosen) // columns))
    gap_x, gap_y = 0.015, 0.04
    for i, row in enumerate(chosen):
        col, line = i % columns, i // columns
        x0, x1 = col / columns + gap_x, (col + 1) / columns - gap_x
        y1, y0 = 1 - line / rows_n - gap_y / 2, 1 - (line + 1) / rows_n + gap_y / 2
        color = theme.status_color(row["status"])
        fig.add_shape(type="rect", xref="paper", yref="paper", x0=x0, x1=x1, y0=y0, y1=y1,
                      line={"color": color, "width": 4}, fillcolor="white", layer="below")
        fig.add_shape(type="rect", xref="paper", yref="paper", x0=x0, x1=x0 + 0.012, y0=y0, y1=y1,
                      line={"width": 0}, fillcolor=color, layer="below")
        mid, height = (x0 + x1) / 2, y1 - y0
        big, detail = _tile_text(row)
        if partial_text(row):  # a partial 全市 says so on the tile itself; the names go in the footnote
            detail = f"仅{row['units_reported']}个主体合计，{len(units.UNITS) - row['units_reported']}个主体未报送"
        for text, y, size, text_color in (
            (row["label"], y1 - 0.15 * height, 32, theme.COLORS["text"]),
            (big, y0 + 0.53 * height, 80, color if row["status"] else theme.COLORS["text"]),
            (detail, y0 + 0.26 * height, 26, theme.COLORS["text"]),
            (_tile_status(row), y0 + 0.10 * height, 26, color if row["status"] else theme.COLORS["muted"]),
        ):
            fig.add_annotation(x=mid, y=y, xref="paper", yref="paper", text=text, showarrow=False,
                               font={"size": size, "color": text_color}, xanchor="center", yanchor="middle")
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, showlegend=False,
                      margin={"l": 10, "r": 10, "t": 20, "b": 10}, height=260 * rows_n + 40)
    partial_footnote(fig, view.filter(pl.col("metric_key").is_in(keys)), below_axis=False)
    return fig


def partial_footnote(fig: go.Figure, view: pl.DataFrame, below_axis: bool = True) -> None:
    """Under a figure of 全市 (so also in its PNG for the 通报): which units a partial 全市 leaves out.
    below_axis: the figure has an x-axis title, so the note goes below it."""
    notes = partial_city_notes(view)
    if not notes:
        return
    shift = 110 if below_axis else 20
    fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=-shift,
                       showarrow=False, align="left", font={"size": 18, "color": theme.COLORS["far_behind"]},
                       text="<br>".join("注：" + n for n in notes))
    bottom = shift + 26 * len(notes) + 20
    fig.update_layout(margin={"b": bottom}, height=(fig.layout.height or 450) + bottom)


def wrap_label(label: str, width: int = 5) -> str:
    """A long axis label on two lines (column headers of the grids stay readable at print size)."""
    if len(label) <= width:
        return label
    half = (len(label) + 1) // 2
    return label[:half] + "<br>" + label[half:]


def _tile_text(row: dict) -> tuple[str, str]:
    unit = row["unit"]
    if row["kind"] == "cumulative":
        if row["completion"] is None and row["target"] is not None and row["value"] is None:
            return "—", f"目标{_fmt(row['target'], unit, 1)}，本月无数据"
        if row["completion"] is None:
            return _fmt(row["value"], unit, 1), "无全年目标"
        return (f"{row['completion']:.1%}",
                f"完成{_fmt(row['value'], unit, 1)} / 目标{_fmt(row['target'], unit, 1)}")
    word = "增长" if row["kind"] == "growth" else ""
    target = "无目标" if row["target"] is None else f"目标{word}{row['target']:.1f}%"
    return _fmt(row["value"], "%"), target


def _tile_status(row: dict) -> str:
    if row["status"] is None:
        return "无目标，不评价" if row["missing_reason"] == "无目标" else row["missing_reason"]
    return f"{row['status']} · {gap_text(row)}"


def pace_figure(view: pl.DataFrame) -> go.Figure:
    """完成率 of every cumulative metric with a target, against the 序时进度 line; bars coloured by status."""
    rows = view.filter((pl.col("kind") == "cumulative") & pl.col("completion").is_not_null())
    pace = pace_of(view) * 100
    labels = rows["label"].to_list()
    completion = [c * 100 for c in rows["completion"].to_list()]
    fig = go.Figure(go.Bar(
        y=labels, x=completion, orientation="h",
        marker_color=[theme.status_color(s) for s in rows["status"].to_list()],
        text=[f"{c:.1f}%" for c in completion], textposition="outside", cliponaxis=False,
        customdata=[[_fmt(v, u, 1), _fmt(t, u, 1), s] for v, t, u, s in
                    zip(rows["value"], rows["target"], rows["unit"], rows["status"])],
        hovertemplate="%{y}：完成率%{x:.1f}%<br>完成%{customdata[0]}，目标%{customdata[1]}<br>%{customdata[2]}"
                      "<extra></extra>",
        showlegend=False,
    ))
    status_legend(fig)
    fig.add_vline(x=pace, line_dash="dash", line_color=theme.COLORS["pace_line"], line_width=3)
    pace_legend(fig, f"序时进度 {pace:.1f}%")
    top = max([100.0, pace, *completion]) * 1.15
    fig.update_layout(
        xaxis={"title": "完成率（%）", "range": [0, top], "ticksuffix": "%"},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
        height=max(360, 46 * len(labels) + 160), bargap=0.3,
    )
    partial_footnote(fig, rows)
    return fig


def rate_growth_figure(view: pl.DataFrame) -> go.Figure:
    """Rate and growth metrics: the actual value (coloured by status) beside its target, in percent."""
    rows = view.filter(pl.col("kind").is_in(["rate", "growth"])
                       & (pl.col("value").is_not_null() | pl.col("target").is_not_null()))
    labels = rows["label"].to_list()
    values, targets = rows["value"].to_list(), rows["target"].to_list()
    fig = go.Figure([
        go.Bar(y=labels, x=targets, orientation="h", name="目标", marker_color=theme.COLORS["no_data"],
               text=[_fmt(t, "%") for t in targets], textposition="outside", cliponaxis=False,
               hovertemplate="%{y} 目标：%{x:.1f}%<extra></extra>"),
        go.Bar(y=labels, x=values, orientation="h", name="实际", showlegend=False,
               marker_color=[theme.status_color(s) for s in rows["status"].to_list()],
               text=[_fmt(v, "%") for v in values], textposition="outside", cliponaxis=False,
               hovertemplate="%{y} 实际：%{x:.1f}%<extra></extra>"),
    ])
    status_legend(fig)
    numbers = [v for v in values + targets if v is not None] or [0.0]
    low, high = min(0.0, min(numbers)), max(numbers)
    span = (high - low) or 10.0
    fig.update_layout(
        barmode="group", xaxis={"title": "%（注册率为比率，其余为同比增长）", "ticksuffix": "%",
                                "range": [low - 0.15 * span * (low < 0), high + 0.2 * span],
                                "zeroline": True, "zerolinecolor": theme.COLORS["pace_line"]},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
        height=max(320, 70 * len(labels) + 160),
    )
    partial_footnote(fig, rows)
    return fig


def pace_legend(fig: go.Figure, label: str) -> None:
    """A legend entry for a dashed reference line (序时进度, 100分), instead of a label that can collide."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=label, hoverinfo="skip",
                             line={"color": theme.COLORS["pace_line"], "width": 3, "dash": "dash"}))


def status_legend(fig: go.Figure) -> None:
    """Legend entries for the three status colours (bars coloured per point carry no legend of their own).
    Marker-only scatter traces: dummy bars would take a slot in every bar group."""
    for status in STATUSES:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=status, hoverinfo="skip",
                                 marker={"color": theme.STATUS_COLORS[status], "size": 14, "symbol": "square"}))


def trend(rows: pl.DataFrame, unit: str, metric_key: str, month: str) -> pl.DataFrame:
    """Month 1–12 of the year of `month` for one unit and metric: this year's value (up to `month`), last year's
    (上年同期累计 of this year's snapshots, else last year's snapshot), in display units."""
    year = int(month[:4])
    picked = in_display_units(rows.filter((pl.col("unit_id") == unit) & (pl.col("metric_key") == metric_key)))
    this_year = picked.filter(pl.col("year") == year).select(
        "month_number", "value", "target", "status", pl.col("prior_value").alias("prior_reported"),
        "units_missing", "units_reported")
    last_year = picked.filter(pl.col("year") == year - 1).select("month_number", pl.col("value").alias("ly_value"))
    grid = pl.DataFrame({"month_number": list(range(1, 13))}, schema={"month_number": pl.Int64})
    return (grid.join(this_year.with_columns(pl.col("month_number").cast(pl.Int64)), on="month_number", how="left")
            .join(last_year.with_columns(pl.col("month_number").cast(pl.Int64)), on="month_number", how="left")
            .with_columns(last_year=pl.coalesce("prior_reported", "ly_value"))
            .sort("month_number"))


def trend_figure(series: pl.DataFrame, metric_key: str) -> go.Figure:
    """This year's cumulative line against the straight pace line to the target, and last year's line."""
    metric = METRIC_BY_KEY[metric_key]
    unit = metric.unit
    cumulative = metric.kind == "cumulative"
    months = series["month_number"].to_list()
    current = series.filter(pl.col("value").is_not_null())
    targets = [t for t in series["target"].to_list() if t is not None]
    target = targets[-1] if targets else None
    start = [0] if cumulative else []
    fig = go.Figure()
    ly = series.filter(pl.col("last_year").is_not_null())
    if ly.height:
        fig.add_trace(go.Scatter(
            x=start + ly["month_number"].to_list(), y=start + ly["last_year"].to_list(), name="上年同期",
            mode="lines+markers", line={"color": theme.COLORS["last_year"], "width": 3, "dash": "dot"},
            marker={"size": 8}, hovertemplate=f"上年%{{x}}月：%{{y:,.2f}}{unit}<extra></extra>"))
    if target is not None:
        if cumulative:
            fig.add_trace(go.Scatter(
                x=[0, 12], y=[0, target], name="序时进度线", mode="lines",
                line={"color": theme.COLORS["pace_line"], "width": 3, "dash": "dash"},
                hovertemplate=f"序时：%{{y:,.2f}}{unit}<extra></extra>"))
        else:
            fig.add_trace(go.Scatter(
                x=[1, 12], y=[target, target], name="目标", mode="lines",
                line={"color": theme.COLORS["pace_line"], "width": 3, "dash": "dash"},
                hovertemplate=f"目标：%{{y:.1f}}%<extra></extra>"))
    if current.height:
        last = current.row(-1, named=True)
        color = theme.status_color(last["status"]) if last["status"] else theme.COLORS["primary"]
        fig.add_trace(go.Scatter(
            x=start + current["month_number"].to_list(), y=start + current["value"].to_list(), name="本年累计"
            if cumulative else "本年", mode="lines+markers", line={"color": theme.COLORS["primary"], "width": 5},
            marker={"size": 12, "color": theme.COLORS["primary"]},
            hovertemplate=f"%{{x}}月：%{{y:,.2f}}{unit}<extra></extra>"))
        label = f"{last['month_number']}月 {_fmt(last['value'], unit, 1)}"
        if cumulative and target:
            label += f"<br>完成率{last['value'] / target:.1%}"
        fig.add_annotation(x=last["month_number"], y=last["value"], text=label, showarrow=True, arrowhead=0,
                           ax=40, ay=-70, font={"color": color, "size": 24}, bgcolor="rgba(255,255,255,0.85)",
                           bordercolor=color, borderwidth=2)
    if target is not None and cumulative:
        fig.add_annotation(x=12, y=target, text=f"全年目标 {_fmt(target, unit, 1)}", showarrow=False,
                           xanchor="right", yanchor="bottom", font={"color": theme.COLORS["pace_line"]})
    partial = current.filter(pl.col("units_missing").is_not_null())
    if partial.height:  # 全市 months that sum only some units: the months, and who is missing in the latest
        last = partial.row(-1, named=True)
        fig.add_annotation(
            x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=-70, showarrow=False,
            font={"size": 18, "color": theme.COLORS["far_behind"]},
            text=f"注：{'、'.join(f'{m}月' for m in partial['month_number'])}全市仅为已报送主体合计；"
                 f"{last['month_number']}月{len(units.UNITS) - last['units_reported']}个主体未报送："
                 f"{last['units_missing']}")
        fig.update_layout(margin={"b": 130})
    ticks = ([0] if cumulative else []) + months
    fig.update_layout(
        xaxis={"tickvals": ticks, "ticktext": (["年初"] if cumulative else []) + [f"{m}月" for m in months],
               "range": [-0.3 if cumulative else 0.7, 12.3]},
        yaxis={"title": f"{metric.label}（{unit}）", "rangemode": "tozero" if cumulative else "normal"},
        hovermode="x unified", height=520,
    )
    return fig


def units_view(rows: pl.DataFrame, month: str, metric_key: str) -> pl.DataFrame:
    """The nine units' rows of one metric in the month, in the official order (also the map's input)."""
    return in_display_units(rows.filter((pl.col("snapshot_month") == month) & (pl.col("metric_key") == metric_key)
                                        & (pl.col("unit_id") != units.CITY_ID)).sort("sort_order"))


def units_figure(unit_rows: pl.DataFrame) -> go.Figure:
    """Each unit's 完成率 (cumulative) or value against its target (rate, growth), coloured by status."""
    if unit_rows.height == 0:
        return go.Figure()
    kind, unit = unit_rows["kind"][0], unit_rows["unit"][0]
    names = unit_rows["unit_short"].to_list()
    colors = [theme.status_color(s) for s in unit_rows["status"].to_list()]
    fig = go.Figure()
    if kind == "cumulative":
        y = [None if c is None else c * 100 for c in unit_rows["completion"].to_list()]
        fig.add_trace(go.Bar(x=names, y=y, marker_color=colors, showlegend=False, cliponaxis=False,
                             text=[(m or "") if v is None else f"{v:.1f}%"
                                   for v, m in zip(y, unit_rows["missing_reason"].to_list())],
                             textposition="outside",
                             customdata=[[_fmt(v, unit, 1), _fmt(t, unit, 1)] for v, t in
                                         zip(unit_rows["value"], unit_rows["target"])],
                             hovertemplate="%{x}：完成率%{y:.1f}%<br>完成%{customdata[0]}，目标%{customdata[1]}"
                                           "<extra></extra>"))
        pace = pace_of(unit_rows) * 100
        fig.add_hline(y=pace, line_dash="dash", line_color=theme.COLORS["pace_line"], line_width=3)
        pace_legend(fig, f"序时进度 {pace:.1f}%")
        top = max([100.0, pace, *[v for v in y if v is not None]]) * 1.15
        fig.update_layout(yaxis={"title": "完成率（%）", "ticksuffix": "%", "range": [0, top]})
    else:
        fig.add_trace(go.Bar(x=names, y=unit_rows["value"].to_list(), marker_color=colors, name="实际",
                             text=[_fmt(v, "%") for v in unit_rows["value"].to_list()], textposition="outside",
                             cliponaxis=False))
        fig.add_trace(go.Scatter(x=names, y=unit_rows["target"].to_list(), name="目标", mode="markers",
                                 marker={"symbol": "line-ew-open", "size": 40, "line": {"width": 4},
                                         "color": theme.COLORS["pace_line"]}))
        fig.update_layout(yaxis={"title": "%", "ticksuffix": "%"})
    status_legend(fig)
    fig.update_layout(height=480)
    return fig


def requirements(rows: pl.DataFrame, month: str) -> pl.DataFrame:
    """Per unit: this year's projects in each required size tier, and whether the plan's minimum is met."""
    minimum = unit_minimum()
    tiers = (rows.filter((pl.col("snapshot_month") == month) & (pl.col("unit_id") != units.CITY_ID)
                         & pl.col("metric_key").is_in(list(minimum)))
             .select("unit_id", "unit_name", "unit_short", "sort_order", "metric_key", "value"))
    wide = (tiers.pivot(on="metric_key", index=["unit_id", "unit_name", "unit_short", "sort_order"], values="value")
            .sort("sort_order"))
    return wide.with_columns(
        *(pl.col(key).cast(pl.Int64) for key in minimum),
        *((pl.col(key) >= need).alias(f"{key}_met") for key, need in minimum.items()),
    ).with_columns(all_met=pl.all_horizontal(f"{key}_met" for key in minimum))


def _tier_label(key: str) -> str:
    return {"projects_10b": "百亿级", "projects_5b_10b": "50–100亿元", "projects_1b_5b": "10–50亿元"}[key]


def requirements_table(req: pl.DataFrame) -> pl.DataFrame:
    """Chinese table of the requirement matrix: counts and ✓/✗ per tier, and overall."""
    minimum = unit_minimum()
    columns = ["unit_name"]
    for key, need in minimum.items():
        columns += [pl.col(key).alias(labels.with_unit(_tier_label(key), "个")),
                    pl.when(pl.col(f"{key}_met")).then(pl.lit("✓")).otherwise(pl.lit("✗"))
                    .alias(f"{_tier_label(key)}≥{need}")]
    columns.append(pl.when(pl.col("all_met")).then(pl.lit("✓ 全部达到")).otherwise(pl.lit("✗ 未全部达到"))
                   .alias("requirement"))
    return labels.table(req, *columns)


def requirements_figure(req: pl.DataFrame) -> go.Figure:
    """A ✓/✗ grid: units down, the three tiers across; green where the minimum is met, red where not."""
    minimum = unit_minimum()
    keys = list(minimum)
    x = [f"{_tier_label(k)}（≥{minimum[k]}个）" for k in keys] + ["全部达到"]
    y = req["unit_short"].to_list()
    z, text = [], []
    for row in req.iter_rows(named=True):
        z.append([1 if row[f"{k}_met"] else 0 for k in keys] + [1 if row["all_met"] else 0])
        text.append([f"{'✓' if row[f'{k}_met'] else '✗'} {row[k]}个" for k in keys]
                    + ["✓" if row["all_met"] else "✗"])
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=y, text=text, texttemplate="%{text}", textfont={"size": 22, "color": "white"},
        colorscale=[[0, theme.COLORS["far_behind"]], [0.5, theme.COLORS["far_behind"]],
                    [0.5, theme.COLORS["on_pace"]], [1, theme.COLORS["on_pace"]]],
        zmin=0, zmax=1, showscale=False, xgap=4, ygap=4, hoverinfo="skip",
    ))
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"side": "top"},
                      height=max(360, 58 * len(y) + 140), plot_bgcolor="white")
    return fig


NO_TARGETS = "本年目标尚未导入"


def targets_missing(rows: pl.DataFrame, month: str) -> bool:
    """The month's year has no 年度目标 at all (a January imported before its targets): pages show the figures
    with NO_TARGETS rather than completion rates, statuses or a ranking."""
    month_rows = rows.filter(pl.col("snapshot_month") == month)
    return not month_rows.is_empty() and month_rows["target"].is_null().all()


def no_targets_note(year: int) -> str:
    return (f"{NO_TARGETS}（{year}年度目标）：各页先显示本年完成数；完成率、序时进度状态和排名在导入{year}年度目标后"
            "计算（数据管理页导入“年度目标”表）。")
