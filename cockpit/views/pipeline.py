"""全生命周期 view: the funnel of this year's projects, months between stages and stage moves (no Streamlit)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import labels, schema
from cockpit.charts import theme

FUNNEL_DEFINITION = ("口径：{year}年签约（签约日期在{year}年且不晚于{month_end}）的项目中，截至{month_end}已有各环节"
                     "日期的项目数；各环节按本环节日期单独计数（如有开工日期即计入开工），百分比为占签约项目之比。")
DURATION_DEFINITION = ("口径：{month}快照中两环节日期均有的全部项目（不限签约年份），相隔天数的中位数÷30.44（每月平均天数）"
                       "，单位：月；n为参与计算的项目数。供地→开工即“拿地到开工”。日期先后倒置的按负值计入。")
MOVES_DEFINITION = ("口径：比较{previous}与{month}两期项目库快照中各项目所处阶段（已到达的最后环节）。推进=本月阶段更靠后；"
                    "回退=日期被更正后阶段靠前；新增=上期未入库且上期月末之后签约；新入库=上期未入库、签约在上期月末或之前；"
                    "移出=上期在库、本期不在库。阶段未变的项目不列出。")
STEP_LABELS = {"供地→开工": "供地→开工<br>（拿地到开工）"}
MOVE_ORDER = ("推进", "新增", "新入库", "回退", "移出")


def city_funnel(funnel: pl.DataFrame) -> pl.DataFrame:
    """Projects per stage over the units in the frame, in lifecycle order."""
    return (funnel.group_by("stage", "stage_order").agg(pl.col("projects").sum())
            .sort("stage_order"))


def share_text(part: int, whole: int) -> str:
    """A share of 签约 as a percentage; one decimal below 1% so a handful of projects does not read as 0%."""
    if not whole:
        return "—"
    share = part / whole
    return f"{share:.1%}" if 0 < share < 0.01 else f"{share:.0%}"


def funnel_heatmap(funnel: pl.DataFrame) -> go.Figure:
    """Units × stages: each cell the count and its share of the unit's 签约, shaded by the share."""
    signed = pl.col("projects").filter(pl.col("stage") == "签约").first().over("unit_id")
    rows = funnel.with_columns(pl.when(signed > 0).then(pl.col("projects") / signed).alias("share"))
    unit_names = rows.sort("sort_order")["unit_short"].unique(maintain_order=True).to_list()
    stages = list(schema.STAGES)
    z, text = [], []
    for unit in unit_names:
        cells = {r["stage"]: r for r in rows.filter(pl.col("unit_short") == unit).iter_rows(named=True)}
        z.append([cells[s]["share"] for s in stages])
        signed = cells["签约"]["projects"]
        text.append([f"{cells[s]['projects']:,}<br>{share_text(cells[s]['projects'], signed)}" for s in stages])
    fig = go.Figure(go.Heatmap(
        z=z, x=stages, y=unit_names, text=text, texttemplate="%{text}", zmin=0, zmax=1,
        colorscale=[[0, "white"], [1, theme.COLORS["primary"]]], xgap=2, ygap=2,
        colorbar={"title": {"text": "占签约"}, "tickformat": ".0%", "len": 0.8},
        hovertemplate="%{y} %{x}：%{text}<extra></extra>"))
    fig.update_layout(yaxis={"autorange": "reversed", "type": "category"}, xaxis={"side": "top"},
                      margin={"l": 70, "r": 30, "t": 60, "b": 20})
    return fig


def funnel_figure(funnel: pl.DataFrame) -> go.Figure:
    """A plotly funnel: 签约 at the top, each stage with its count and share of 签约."""
    totals = city_funnel(funnel)
    stages = totals["stage"].to_list()
    values = totals["projects"].to_list()
    signed = values[0] if values else 0
    # Labels inside the wide bars, beside the narrow ones (plotly hides text that does not fit inside).
    positions = ["inside" if v >= 0.15 * max(values, default=0) and v > 0 else "outside" for v in values]
    fig = go.Figure(go.Funnel(
        y=stages, x=values, text=[f"{v:,}个（{share_text(v, signed)}）" for v in values],
        texttemplate="%{text}", textposition=positions,
        textfont={"size": 22},
        insidetextfont={"color": "white"}, outsidetextfont={"color": theme.COLORS["text"]},
        marker={"color": [theme.STAGE_COLORS[s] for s in stages]},
        connector={"fillcolor": theme.COLORS["grid"]},
        hovertemplate="%{y}：%{value:,}个，占签约%{percentInitial:.1%}<extra></extra>",
    ))
    fig.update_layout(margin={"l": 90, "r": 30, "t": 40, "b": 30},
                      yaxis={"tickfont": {"size": 20}})
    return fig


def unit_stage_table(funnel: pl.DataFrame) -> pl.DataFrame:
    """Units as rows, stages as columns (counts), plus a 注册率 column; a 合计 row when several units."""
    wide = (funnel.pivot("stage", index=["unit_name", "sort_order"], values="projects")
            .sort("sort_order"))
    if wide.height > 1:
        total = wide.select(pl.lit("合计").alias("unit_name"), pl.lit(99, dtype=wide["sort_order"].dtype)
                            .alias("sort_order"), *[pl.col(s).sum() for s in schema.STAGES])
        wide = pl.concat([wide, total])
    return labels.table(
        wide, "unit_name", *[pl.col(s).alias(labels.with_unit(s, "个")) for s in schema.STAGES],
        (pl.when(pl.col("签约") > 0).then(pl.col("注册") / pl.col("签约") * 100)).round(1)
        .alias("registration_rate_pct"),
    )


def duration_table(durations: pl.DataFrame) -> pl.DataFrame:
    """Units (全市 first) as rows; for each step its median months and n."""
    steps = durations.select("step", "step_order").unique().sort("step_order")["step"].to_list()
    rows = durations.with_columns(pl.col("median_months").round(1))
    months = rows.pivot("step", index=["unit_name", "sort_order"], values="median_months")
    counts = rows.pivot("step", index=["unit_name", "sort_order"], values="n")
    joined = months.join(counts, on=["unit_name", "sort_order"], suffix="_n").sort("sort_order")
    columns = ["unit_name"]
    for step in steps:
        columns += [pl.col(step).alias(labels.with_unit(step, "月")), pl.col(f"{step}_n").alias(f"{step} n")]
    return labels.table(joined, *columns)


def duration_figure(durations: pl.DataFrame) -> go.Figure:
    """Median months per step: 全市 bars, and the selected unit's beside them; each bar says its n."""
    fig = go.Figure()
    unit_ids = durations.sort("sort_order")["unit_id"].unique(maintain_order=True).to_list()
    # 全市 alone; with one unit chosen, that unit first and 全市 in grey for comparison.
    shown = ["city"] if len(unit_ids) != 2 else [u for u in unit_ids if u != "city"] + ["city"]
    colors = {u: theme.COLORS["primary"] for u in shown}
    if len(shown) == 2:
        colors["city"] = theme.COLORS["last_year"]
    top, bottom = 0.0, 0.0
    for unit in shown:
        rows = durations.filter(pl.col("unit_id") == unit).sort("step_order")
        values = rows["median_months"].to_list()
        labels = [STEP_LABELS.get(s, s) for s in rows["step"]]
        fig.add_trace(go.Bar(
            x=labels, y=values, name=rows["unit_short"][0], marker_color=colors[unit],
            text=[f"{v:.1f}个月<br>n={n:,}" if v is not None else "无数据" for v, n in zip(values, rows["n"])],
            textposition="outside", customdata=rows["n"].to_list(),
            hovertemplate=f"{rows['unit_short'][0]} %{{x}}：中位数%{{y:.1f}}个月（n=%{{customdata:,}}）<extra></extra>"))
        top = max([top, *(v for v in values if v is not None)])
        bottom = min([bottom, *(v for v in values if v is not None)])
    fig.update_layout(yaxis_title="中位数（月）", yaxis={"range": [bottom * 1.2, (top or 1) * 1.25]},
                      barmode="group", showlegend=len(shown) > 1)
    return fig


MOVE_COLORS = {"推进": theme.COLORS["on_pace"], "新增": theme.COLORS["secondary"], "新入库": theme.COLORS["primary"],
               "回退": theme.COLORS["far_behind"], "移出": theme.COLORS["muted"]}


def moves_figure(counts: pl.DataFrame) -> go.Figure:
    """Count by transition (the rows of move_counts), largest first within each kind, as horizontal bars."""
    fig = go.Figure()
    bar_labels = [f"{a}→{b}" if m in ("推进", "回退") else f"{m}（{b if b != '—' else a}）"
                  for m, a, b in zip(counts["move"], counts["stage_before"], counts["stage_now"])]
    framed = counts.with_columns(pl.Series("label", bar_labels))
    for move, color in MOVE_COLORS.items():
        rows = framed.filter(pl.col("move") == move)
        if rows.height:
            fig.add_trace(go.Bar(y=rows["label"].to_list(), x=rows["projects"].to_list(), orientation="h",
                                 name=move, marker_color=color, text=rows["projects"].to_list(),
                                 textposition="outside", hovertemplate="%{y}：%{x}个<extra></extra>"))
    fig.update_layout(yaxis={"categoryorder": "array", "categoryarray": bar_labels[::-1]},
                      xaxis_title="项目数（个）", margin={"l": 130, "r": 40, "t": 70, "b": 50})
    return fig


def move_counts(moves: pl.DataFrame) -> pl.DataFrame:
    """How many projects made each transition (上月阶段 → 本月阶段), most frequent first within each kind."""
    order = {m: i for i, m in enumerate(MOVE_ORDER)}
    return (moves.group_by("move", "stage_before", "stage_now").agg(projects=pl.len())
            .with_columns(pl.col("move").replace_strict(order, return_dtype=pl.Int64).alias("move_order"))
            .sort("move_order", pl.col("projects"), descending=[False, True])
            .select("move", pl.col("stage_before").fill_null("—"), pl.col("stage_now").fill_null("—"),
                    "projects"))


def move_count_table(counts: pl.DataFrame) -> pl.DataFrame:
    return labels.table(counts, pl.col("move").alias("change"), "stage_before", "stage_now", "projects")


def move_table(moves: pl.DataFrame) -> pl.DataFrame:
    return labels.table(moves, pl.col("move").alias("change"), "project_name", "project_code", "unit_name",
                        pl.col("stage_before").fill_null("—"), pl.col("stage_now").fill_null("—"),
                        pl.col("total_investment_yi").round(2))
