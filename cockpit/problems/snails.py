"""蜗牛项目: by-unit lateness, the 通报 list and month-over-month changes from the snail__* queries."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit.problems import SEVERITY, all_units, stacked_total_labels

DEFINITION = ("口径：蜗牛项目=截至月末，超过合同开工日期6个月及以上未开工（开工滞后），或超过合同竣工日期"
              "6个月及以上未竣工（竣工滞后）；“以上”含本数，月末日不存在时取当月最后一天（如8月31日+6个月=2月末）。"
              "两者兼有的按开工滞后计一次。滞后月数=合同日期至月末的整月数。")
CHANGE_DEFINITION = ("口径：与上一期项目库快照比较。新增=本期为蜗牛、上期不是（含新入库）；"
                     "销号=上期为蜗牛、本期不是（已开工、已竣工、合同日期调整或移出项目库）。")


def by_unit(snails: pl.DataFrame, unit: str) -> pl.DataFrame:
    """蜗牛 count per unit and lateness band (bands as snail__projects defines them)."""
    return (snails.group_by("unit_id", "lateness_band", "lateness_order").agg(projects=pl.len())
            .join(all_units(unit), on="unit_id", how="right")
            .sort("sort_order", "lateness_order"))


def by_unit_figure(counts: pl.DataFrame) -> go.Figure:
    """Stacked bars: 蜗牛 projects per unit, coloured by how many months late; total on top."""
    x = counts.select("unit_short", "sort_order").unique().sort("sort_order")["unit_short"].to_list()
    bands = (counts.drop_nulls("lateness_band").select("lateness_band", "lateness_order").unique()
             .sort("lateness_order"))
    fig = go.Figure()
    for band, order in bands.iter_rows():
        rows = counts.filter(pl.col("lateness_band") == band)
        fig.add_trace(go.Bar(x=rows["unit_short"].to_list(), y=rows["projects"].to_list(), name=f"滞后{band}",
                             marker_color=SEVERITY[order],
                             hovertemplate=f"%{{x}} 滞后{band}：%{{y}}个<extra></extra>"))
    totals = counts.group_by("unit_short", "sort_order").agg(pl.col("projects").sum()).sort("sort_order")
    stacked_total_labels(fig, totals["unit_short"].to_list(), totals["projects"].to_list())
    fig.update_layout(barmode="stack", yaxis_title="蜗牛项目（个）",
                      xaxis={"categoryorder": "array", "categoryarray": x})
    return fig


def type_counts(snails: pl.DataFrame) -> dict[str, int]:
    return {t: snails.filter(pl.col("snail_type") == t).height for t in ("开工滞后", "竣工滞后")}


# The columns both 蜗牛 lists show, in this order.
_SNAIL_COLUMNS = (
    pl.col("project_name").alias("项目名称"),
    pl.col("project_code").alias("项目代码"),
    pl.col("unit_name").alias("县级主体"),
    pl.col("snail_type").alias("类型"),
    pl.col("contract_on").alias("合同日期"),
    pl.col("months_late").alias("滞后月数"),
)


def table(snails: pl.DataFrame) -> pl.DataFrame:
    """The 通报 list: latest first within each unit."""
    return snails.select(
        *_SNAIL_COLUMNS,
        pl.col("total_investment_yi").round(2).alias("总投资（亿元）"),
        pl.col("leader_tier").alias("联系领导层级"),
    )


def change_table(changes: pl.DataFrame) -> pl.DataFrame:
    return changes.select(pl.col("change").alias("变化"), *_SNAIL_COLUMNS, pl.col("detail").alias("说明"))
