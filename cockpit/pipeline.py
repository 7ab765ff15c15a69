"""全生命周期 view: the funnel of this year's projects, months between stages and stage moves (no Streamlit)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import schema
from cockpit.charts import theme

FUNNEL_DEFINITION = ("口径：{year}年签约（签约日期在{year}年且不晚于{month_end}）的项目中，截至{month_end}已有各环节"
                     "日期的项目数；各环节按本环节日期单独计数（如有开工日期即计入开工），百分比为占签约项目之比。")
DURATION_DEFINITION = ("口径：{month}快照中两环节日期均有的全部项目（不限签约年份），相隔天数的中位数÷30.44（每月平均天数）"
                       "，单位：月；n为参与计算的项目数。供地→开工即“拿地到开工”。日期先后倒置的按负值计入。")
MOVES_DEFINITION = ("口径：比较{previous}与{month}两期项目库快照中各项目所处阶段（已到达的最后环节）。推进=本月阶段更靠后；"
                    "回退=日期被更正后阶段靠前；新增=上月未入库且本月签约；新入库=上月未入库、签约在本月之前；"
                    "移出=上月在库、本月不在库。阶段未变的项目不列出。")
MOVE_ORDER = ("推进", "新增", "新入库", "回退", "移出")


def city_funnel(funnel: pl.DataFrame) -> pl.DataFrame:
    """Projects per stage over the units in the frame, in lifecycle order."""
    return (funnel.group_by("stage", "stage_order").agg(pl.col("projects").sum())
            .sort("stage_order"))


def funnel_figure(funnel: pl.DataFrame, meeting_mode: bool = False) -> go.Figure:
    """A plotly funnel: 签约 at the top, each stage with its count and share of 签约."""
    totals = city_funnel(funnel)
    stages = totals["stage"].to_list()
    values = totals["projects"].to_list()
    # Labels inside the wide bars, beside the narrow ones (plotly hides text that does not fit inside).
    positions = ["inside" if v >= 0.15 * max(values, default=0) and v > 0 else "outside" for v in values]
    fig = go.Figure(go.Funnel(
        y=stages, x=values,
        texttemplate="%{value:,}个（%{percentInitial:.0%}）", textposition=positions,
        textfont={"size": 40 if meeting_mode else 22},
        insidetextfont={"color": "white"}, outsidetextfont={"color": theme.COLORS["text"]},
        marker={"color": [theme.STAGE_COLORS[s] for s in stages]},
        connector={"fillcolor": theme.COLORS["grid"]},
        hovertemplate="%{y}：%{value:,}个，占签约%{percentInitial:.1%}<extra></extra>",
    ))
    fig.update_layout(margin={"l": 90, "r": 30, "t": 40, "b": 30},
                      yaxis={"tickfont": {"size": 36 if meeting_mode else 20}})
    return fig


def unit_stage_table(funnel: pl.DataFrame) -> pl.DataFrame:
    """Units as rows, stages as columns (counts), plus a 注册率 column; a 合计 row when several units."""
    wide = (funnel.pivot("stage", index=["unit_short", "sort_order"], values="projects")
            .sort("sort_order"))
    if wide.height > 1:
        total = wide.select(pl.lit("合计").alias("unit_short"), pl.lit(99, dtype=wide["sort_order"].dtype)
                            .alias("sort_order"), *[pl.col(s).sum() for s in schema.STAGES])
        wide = pl.concat([wide, total])
    return wide.select(
        pl.col("unit_short").alias("县级主体"),
        *[pl.col(s).alias(f"{s}（个）") for s in schema.STAGES],
        (pl.when(pl.col("签约") > 0).then(pl.col("注册") / pl.col("签约") * 100)).round(1).alias("注册率（%）"),
    )


def duration_table(durations: pl.DataFrame) -> pl.DataFrame:
    """Units (全市 first) as rows; for each step its median months and n."""
    steps = durations.select("step", "step_order").unique().sort("step_order")["step"].to_list()
    rows = durations.with_columns(pl.col("median_months").round(1))
    months = rows.pivot("step", index=["unit_short", "sort_order"], values="median_months")
    counts = rows.pivot("step", index=["unit_short", "sort_order"], values="n")
    joined = months.join(counts, on=["unit_short", "sort_order"], suffix="_n").sort("sort_order")
    columns = [pl.col("unit_short").alias("县级主体")]
    for step in steps:
        columns += [pl.col(step).alias(f"{step}（月）"), pl.col(f"{step}_n").alias(f"{step} n")]
    return joined.select(columns)


def duration_figure(durations: pl.DataFrame) -> go.Figure:
    """Median months per step for 全市 (bars) with n under each label."""
    city = durations.filter(pl.col("unit_id") == "city").sort("step_order")
    labels = [f"{s}<br>n={n:,}" for s, n in zip(city["step"], city["n"])]
    values = city["median_months"].to_list()
    fig = go.Figure(go.Bar(
        x=labels, y=values, marker_color=[theme.COLORS["far_behind"] if s == "供地→开工" else theme.COLORS["primary"]
                                          for s in city["step"]],
        text=[f"{v:.1f}个月" if v is not None else "无数据" for v in values], textposition="outside",
        hovertemplate="%{x}：中位数%{y:.1f}个月<extra></extra>", showlegend=False))
    top = max((v for v in values if v is not None), default=0)
    fig.update_layout(yaxis_title="中位数（月）", yaxis={"range": [min(0, *(v for v in values if v is not None)),
                                                             (top or 1) * 1.18]})
    return fig


def move_counts(moves: pl.DataFrame) -> pl.DataFrame:
    """How many projects made each transition (上月阶段 → 本月阶段), most frequent first within each kind."""
    order = {m: i for i, m in enumerate(MOVE_ORDER)}
    return (moves.group_by("move", "stage_before", "stage_now").agg(projects=pl.len())
            .with_columns(pl.col("move").replace_strict(order, return_dtype=pl.Int64).alias("move_order"))
            .sort("move_order", pl.col("projects"), descending=[False, True])
            .select(pl.col("move").alias("变化"),
                    pl.col("stage_before").fill_null("—").alias("上月阶段"),
                    pl.col("stage_now").fill_null("—").alias("本月阶段"),
                    pl.col("projects").alias("项目数（个）")))


def move_table(moves: pl.DataFrame) -> pl.DataFrame:
    return moves.select(
        pl.col("move").alias("变化"),
        pl.col("project_name").alias("项目名称"),
        pl.col("project_code").alias("项目代码"),
        pl.col("unit_name").alias("县级主体"),
        pl.col("stage_before").fill_null("—").alias("上月阶段"),
        pl.col("stage_now").fill_null("—").alias("本月阶段"),
        pl.col("total_investment_yi").round(2).alias("总投资（亿元）"),
    )
