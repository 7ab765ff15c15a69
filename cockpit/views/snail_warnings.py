"""蜗牛项目与预警: 蜗牛 lateness by unit, the 通报 list and month-over-month changes (snail__* queries), and the
分级预警 grades, trend, figures and list (warnings__projects with the configured thresholds). No Streamlit, no queries."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels, queries, units
from cockpit.charts import theme
from cockpit.views.common import SEVERITY, all_units, stacked_total_labels

SNAIL_DEFINITION = ("口径：蜗牛项目=截至月末，超过合同开工日期6个月及以上未开工（开工滞后），或超过合同竣工日期"
                    "6个月及以上未竣工（竣工滞后）；“以上”含本数，月末日不存在时取当月最后一天（如8月31日+6个月=2月末）。"
                    "两者兼有的按开工滞后计一次。滞后月数=合同日期至月末的整月数。")
SNAIL_CHANGE_DEFINITION = ("口径：与上一期项目库快照比较。新增=本期为蜗牛、上期不是（含新入库）；"
                           "销号=上期为蜗牛、本期不是（已开工、已竣工、合同日期调整或移出项目库）。")


def snails_by_unit(snails: pl.DataFrame, unit: str) -> pl.DataFrame:
    """蜗牛 count per unit and lateness band (bands as snail__projects defines them)."""
    return (snails.group_by("unit_id", "lateness_band", "lateness_order").agg(projects=pl.len())
            .join(all_units(unit), on="unit_id", how="right")
            .sort("sort_order", "lateness_order"))


def snails_by_unit_figure(counts: pl.DataFrame) -> go.Figure:
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


def snail_type_counts(snails: pl.DataFrame) -> dict[str, int]:
    return {t: snails.filter(pl.col("snail_type") == t).height for t in ("开工滞后", "竣工滞后")}


# The columns both 蜗牛 lists show, in this order.
_SNAIL_COLUMNS = ("project_name", "project_code", "unit_name", "snail_type", "contract_on", "months_late")


def snail_table(snails: pl.DataFrame) -> pl.DataFrame:
    """The 通报 list: latest first within each unit."""
    return labels.table(snails, *_SNAIL_COLUMNS, pl.col("total_investment_yi").round(2), "leader_tier")


def snail_change_table(changes: pl.DataFrame) -> pl.DataFrame:
    return labels.table(changes, "change", *_SNAIL_COLUMNS, "detail")


WARNING_QUERY = "warnings__projects"
GRADES = ("红", "黄", "蓝")
GRADE_LABELS = {"红": "红色预警", "黄": "黄色预警", "蓝": "蓝色提醒"}

WARNING_DEFINITION = ("口径：项目预警等级取各信号中最重者。推进节点：逾期未完成满{node_red_months}个月为红、"
                      "逾期{node_yellow_days}天及以上为黄；近{node_late_recent_months}个月内晚于计划完成为黄；"
                      "{node_blue_days}天内到期为蓝。本年投资：本年完成投资÷序时计划"
                      "（总投资按合同开工至合同竣工逐日平均分摊，取本年1月1日至月末部分）低于{red_pct}为红、"
                      "低于{yellow_pct}为黄（未竣工项目，且月末距合同开工日期满{min_days_elapsed}天才判断）。"
                      "问题清单：项目有超过办理时限未办结的问题为黄，超期超过{escalate_days}天（严重超期）为红。")


def warning_params() -> dict[str, float]:
    """The thresholds of config [warnings] that the query takes as parameters."""
    wanted = queries.param_names(queries.sql_text(WARNING_QUERY)) - {"month"}
    section = config.section("warnings")
    return {name: section[name] for name in sorted(wanted)}


def warning_definition() -> str:
    section = config.section("warnings")
    return WARNING_DEFINITION.format(**section, red_pct=f"{section['investment_red']:.0%}",
                                     escalate_days=config.settings().get("problems", {}).get("escalate_days", 30),
                                     yellow_pct=f"{section['investment_yellow']:.0%}")


def warnings_of_unit(warnings: pl.DataFrame, unit: str) -> pl.DataFrame:
    return warnings if unit == units.CITY_ID else warnings.filter(pl.col("unit_id") == unit)


def grade_counts(warnings: pl.DataFrame) -> dict[str, int]:
    return {g: warnings.filter(pl.col("grade") == g).height for g in GRADES}


def warnings_by_unit(warnings: pl.DataFrame, unit: str) -> pl.DataFrame:
    """Warned projects per unit and grade, every pair present (zeros included)."""
    grid = all_units(unit).join(pl.DataFrame({"grade": list(GRADES), "grade_order": [1, 2, 3]}), how="cross")
    counted = warnings_of_unit(warnings, unit).group_by("unit_id", "grade").agg(projects=pl.len())
    return (grid.join(counted, on=["unit_id", "grade"], how="left")
            .with_columns(pl.col("projects").fill_null(0))
            .sort("sort_order", "grade_order"))


def warnings_by_unit_figure(counts: pl.DataFrame) -> go.Figure:
    """Stacked bars per unit: 红 at the bottom, then 黄, then 蓝; total on top."""
    fig = go.Figure()
    for grade in GRADES:
        rows = counts.filter(pl.col("grade") == grade)
        fig.add_trace(go.Bar(x=rows["unit_short"].to_list(), y=rows["projects"].to_list(),
                             name=GRADE_LABELS[grade], marker_color=theme.WARNING_COLORS[grade],
                             hovertemplate=f"%{{x}} {GRADE_LABELS[grade]}：%{{y}}个<extra></extra>"))
    totals = counts.group_by("unit_short", "sort_order").agg(pl.col("projects").sum()).sort("sort_order")
    stacked_total_labels(fig, totals["unit_short"].to_list(), totals["projects"].to_list())
    fig.update_layout(barmode="stack", yaxis_title="预警项目（个）",
                      xaxis={"categoryorder": "array", "categoryarray": totals["unit_short"].to_list()})
    return fig


def warning_trend(by_month: dict[str, pl.DataFrame], unit: str) -> pl.DataFrame:
    """Warned projects per snapshot month and grade (zeros included), from each month's warnings__projects rows."""
    rows = []
    for month, warnings in by_month.items():
        counts = grade_counts(warnings_of_unit(warnings, unit))
        rows += [{"month": month, "grade": g, "grade_order": i + 1, "projects": counts[g]}
                 for i, g in enumerate(GRADES)]
    return pl.DataFrame(rows, schema={"month": pl.String, "grade": pl.String, "grade_order": pl.Int64,
                                      "projects": pl.Int64})


def warning_trend_figure(trend_frame: pl.DataFrame) -> go.Figure:
    """Stacked areas by month: how many projects are 红/黄/蓝 in each snapshot of the year."""
    fig = go.Figure()
    months = trend_frame["month"].unique().sort().to_list()
    for grade in GRADES:
        rows = trend_frame.filter(pl.col("grade") == grade).sort("month")
        labels = [f"{int(m[5:])}月" for m in rows["month"]]
        fig.add_trace(go.Scatter(x=labels, y=rows["projects"].to_list(), name=GRADE_LABELS[grade],
                                 mode="lines+markers", stackgroup="grades",
                                 line={"color": theme.WARNING_COLORS[grade], "width": 3},
                                 hovertemplate=f"%{{x}} {GRADE_LABELS[grade]}：%{{y}}个<extra></extra>"))
    # Half a category of air at both ends, so the first and last month do not sit on the axes.
    fig.update_layout(yaxis_title="预警项目（个）", hovermode="x unified", legend_traceorder="normal",
                      xaxis={"type": "category", "range": [-0.4, len(months) - 0.6]})
    return fig


def warning_table(warnings: pl.DataFrame) -> pl.DataFrame:
    """The list with the reason for each warning, worst first."""
    return labels.table(
        warnings.sort("grade_order", "sort_order", "project_code"),
        "grade", "project_name", "project_code", "unit_name", "reasons", "overdue_nodes", "max_overdue_days",
        (pl.col("investment_this_year") / 10000).round(2).alias("investment_this_year_yi"),
        (pl.col("investment_plan_to_date") / 10000).round(2).alias("investment_plan_to_date_yi"),
        (pl.col("investment_ratio") * 100).round(1).alias("investment_ratio_pct"),
    )
