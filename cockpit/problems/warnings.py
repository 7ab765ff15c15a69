"""分级预警: runs warnings__projects with the configured thresholds; counts, trend, figures and the list."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import config, queries, units
from cockpit.charts import theme
from cockpit.problems import all_units, stacked_total_labels

QUERY = "warnings__projects"
GRADES = ("红", "黄", "蓝")
GRADE_LABELS = {"红": "红色预警", "黄": "黄色预警", "蓝": "蓝色提醒"}

DEFINITION = ("口径：项目预警等级取各信号中最重者。推进节点：逾期未完成满{node_red_months}个月为红、"
              "逾期{node_yellow_days}天及以上为黄；近{node_late_recent_months}个月内晚于计划完成为黄；"
              "{node_blue_days}天内到期为蓝。本年投资：本年完成投资÷序时计划"
              "（总投资按合同开工至合同竣工逐日平均分摊，取本年1月1日至月末部分）低于{red_pct}为红、"
              "低于{yellow_pct}为黄（未竣工项目）。")


def params() -> dict[str, float]:
    """The thresholds of config [warnings] that the query takes as parameters."""
    wanted = queries.param_names(queries.sql_text(QUERY)) - {"month"}
    section = config.section("warnings")
    return {name: section[name] for name in sorted(wanted)}


def definition() -> str:
    section = config.section("warnings")
    return DEFINITION.format(**section, red_pct=f"{section['investment_red']:.0%}",
                             yellow_pct=f"{section['investment_yellow']:.0%}")


def for_month(month: str) -> pl.DataFrame:
    """One row per project with a warning in `month` (all units): grade, reasons and signal details."""
    return queries.run(QUERY, month=month, **params())


def of_unit(warnings: pl.DataFrame, unit: str) -> pl.DataFrame:
    return warnings if unit == units.CITY_ID else warnings.filter(pl.col("unit_id") == unit)


def grade_counts(warnings: pl.DataFrame) -> dict[str, int]:
    return {g: warnings.filter(pl.col("grade") == g).height for g in GRADES}


def by_unit(warnings: pl.DataFrame, unit: str) -> pl.DataFrame:
    """Warned projects per unit and grade, every pair present (zeros included)."""
    grid = all_units(unit).join(pl.DataFrame({"grade": list(GRADES), "grade_order": [1, 2, 3]}), how="cross")
    counted = of_unit(warnings, unit).group_by("unit_id", "grade").agg(projects=pl.len())
    return (grid.join(counted, on=["unit_id", "grade"], how="left")
            .with_columns(pl.col("projects").fill_null(0))
            .sort("sort_order", "grade_order"))


def by_unit_figure(counts: pl.DataFrame) -> go.Figure:
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


def trend(months: list[str], unit: str) -> pl.DataFrame:
    """Warned projects per snapshot month and grade (zeros included), for the given months."""
    rows = []
    for month in months:
        counts = grade_counts(of_unit(for_month(month), unit))
        rows += [{"month": month, "grade": g, "grade_order": i + 1, "projects": counts[g]}
                 for i, g in enumerate(GRADES)]
    return pl.DataFrame(rows, schema={"month": pl.String, "grade": pl.String, "grade_order": pl.Int64,
                                      "projects": pl.Int64})


def trend_figure(trend_frame: pl.DataFrame) -> go.Figure:
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


def table(warnings: pl.DataFrame) -> pl.DataFrame:
    """The list with the reason for each warning, worst first."""
    return warnings.sort("grade_order", "sort_order", "project_code").select(
        pl.col("grade").alias("预警等级"),
        pl.col("project_name").alias("项目名称"),
        pl.col("project_code").alias("项目代码"),
        pl.col("unit_name").alias("县级主体"),
        pl.col("reasons").alias("预警原因"),
        pl.col("overdue_nodes").alias("逾期节点数"),
        pl.col("max_overdue_days").alias("最长逾期（天）"),
        (pl.col("investment_this_year") / 10000).round(2).alias("本年完成投资（亿元）"),
        (pl.col("investment_plan_to_date") / 10000).round(2).alias("序时计划投资（亿元）"),
        (pl.col("investment_ratio") * 100).round(1).alias("完成比（%）"),
    )
