"""蜗牛项目与预警: 蜗牛 lateness by unit, the 通报 list and month-over-month changes (snail__* queries), and the
分级预警 grades, trend, figures and list (warnings__projects with the configured thresholds). No Streamlit, no queries."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels, queries, units
from cockpit.charts import theme
from cockpit.views.common import SEVERITY, all_units, stacked_by_unit_figure

SNAIL_DEFINITION = ("口径：蜗牛项目=截至月末，超过合同开工日期6个月及以上未开工（开工滞后），或超过合同竣工日期"
                    "6个月及以上未竣工（竣工滞后）；“以上”含本数，月末日不存在时取当月最后一天（如8月31日+6个月=2月末）。"
                    "两者兼有的按开工滞后计一次。滞后月数=合同日期至月末的整月数。")
SNAIL_CHANGE_DEFINITION = ("口径：与上一期项目库快照比较。新增=本期为蜗牛、上期不是（含新入库）；"
                           "销号=上期为蜗牛、本期不是（已开工、已竣工、合同日期调整或移出项目库）。")


# The page's queries (issue 19 §6): counts and chart data by SQL aggregates, the table's shown rows by a limit.
SNAIL_COUNTS_QUERY = "snail__by_unit"
SNAIL_LIST_QUERY = "snail__list"


def snails_by_unit(snails: pl.DataFrame, unit: str) -> pl.DataFrame:
    """蜗牛 count per unit and lateness band (bands as snail__projects defines them)."""
    return _band_grid(snails.group_by("unit_id", "lateness_band", "lateness_order").agg(projects=pl.len()), unit)


def snail_counts_by_unit(counts: pl.DataFrame, unit: str) -> pl.DataFrame:
    """snails_by_unit's frame from snail__by_unit's counts (unit × band × type) instead of the list."""
    return _band_grid(counts.group_by("unit_id", "lateness_band", "lateness_order").agg(pl.col("projects").sum()),
                      unit)


def _band_grid(counted: pl.DataFrame, unit: str) -> pl.DataFrame:
    return counted.join(all_units(unit), on="unit_id", how="right").sort("sort_order", "lateness_order")


def snail_totals(counts: pl.DataFrame, types: list[str] | tuple = ()) -> int:
    """How many 蜗牛 of the chosen types (every type when none) snail__by_unit's counts hold."""
    chosen = counts.filter(pl.col("snail_type").is_in(list(types))) if types else counts
    return int(chosen["projects"].sum())


def snails_by_unit_figure(counts: pl.DataFrame) -> go.Figure:
    """Stacked bars: 蜗牛 projects per unit, coloured by how many months late; total on top."""
    bands = (counts.drop_nulls("lateness_band").select("lateness_band", "lateness_order").unique()
             .sort("lateness_order"))
    return stacked_by_unit_figure(counts, "lateness_band",
                                  [(band, f"滞后{band}", SEVERITY[order]) for band, order in bands.iter_rows()],
                                  "projects", "蜗牛项目（个）")


def snail_type_counts(snails: pl.DataFrame) -> dict[str, int]:
    return {t: snails.filter(pl.col("snail_type") == t).height for t in ("开工滞后", "竣工滞后")}


def snail_type_totals(counts: pl.DataFrame) -> dict[str, int]:
    """snail_type_counts from snail__by_unit's counts."""
    return {t: snail_totals(counts, [t]) for t in ("开工滞后", "竣工滞后")}


# The columns both 蜗牛 lists show, in this order.
_SNAIL_COLUMNS = ("project_name", "project_code", "unit_name", "snail_type", "contract_on", "months_late")


def snail_table(snails: pl.DataFrame) -> pl.DataFrame:
    """The 通报 list: latest first within each unit."""
    return labels.table(snails, *_SNAIL_COLUMNS, pl.col("total_investment_yi").round(2), "leader_tier")


def snail_change_table(changes: pl.DataFrame) -> pl.DataFrame:
    return labels.table(changes, "change", *_SNAIL_COLUMNS, "detail")


WARNING_QUERY = "warnings__projects"
WARNING_COUNTS_QUERY = "warnings__by_unit"  # the page's counts and chart (issue 19 §6)
WARNING_LIST_QUERY = "warnings__list"  # the page's shown rows
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
    return _grade_grid(warnings_of_unit(warnings, unit).group_by("unit_id", "grade").agg(projects=pl.len()), unit)


def warning_counts_by_unit(counts: pl.DataFrame, unit: str) -> pl.DataFrame:
    """warnings_by_unit's frame from warnings__by_unit's counts instead of the list."""
    return _grade_grid(counts.select("unit_id", "grade", "projects"), unit)


def grade_totals(counts: pl.DataFrame, grades: list[str] | tuple = GRADES) -> dict[str, int]:
    """grade_counts from warnings__by_unit's counts, for the chosen grades."""
    return {g: int(counts.filter(pl.col("grade") == g)["projects"].sum()) for g in grades}


def _grade_grid(counted: pl.DataFrame, unit: str) -> pl.DataFrame:
    grid = all_units(unit).join(pl.DataFrame({"grade": list(GRADES), "grade_order": [1, 2, 3]}), how="cross")
    return (grid.join(counted, on=["unit_id", "grade"], how="left")
            .with_columns(pl.col("projects").fill_null(0))
            .sort("sort_order", "grade_order"))


def warnings_by_unit_figure(counts: pl.DataFrame) -> go.Figure:
    """Stacked bars per unit: 红 at the bottom, then 黄, then 蓝; total on top."""
    return stacked_by_unit_figure(counts, "grade", [(g, GRADE_LABELS[g], theme.WARNING_COLORS[g]) for g in GRADES],
                                  "projects", "预警项目（个）")


TREND_QUERY = "warnings__trend"  # the year's counts per month and grade, in one query


def trend_grade_counts(trend: pl.DataFrame, month: str) -> dict[str, int] | None:
    """The grade counts of `month` from a warnings__trend frame; None when the month is not in it."""
    rows = trend.filter(pl.col("month") == month)
    if rows.height == 0:
        return None
    return {g: int(rows.filter(pl.col("grade") == g)["projects"].sum()) for g in GRADES}


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


# ---------------------------------------------------------------- 临期预警 (issue 19 §1)

UPCOMING_QUERY = "snail__upcoming"
IDLE_UPCOMING_QUERY = "idle__upcoming"
_LOOKAHEAD_DEFAULTS = {"snail_horizon_months": 3, "idle_warning_days": 60}


def lookahead_settings() -> dict:
    """config [lookahead] (issue 19), with its defaults for a config that lacks the section."""
    return {**_LOOKAHEAD_DEFAULTS, **config.settings().get("lookahead", {})}


def upcoming_params() -> dict[str, int]:
    return {"horizon_months": int(lookahead_settings()["snail_horizon_months"])}


def idle_upcoming_params() -> dict[str, int]:
    return {"days": int(lookahead_settings()["idle_warning_days"])}


def upcoming_definition() -> str:
    s = lookahead_settings()
    return ("口径：临期蜗牛=截至月末尚不是蜗牛、但未开工且合同开工日期+6个月（或未竣工且合同竣工日期+6个月）落在今后"
            f"{s['snail_horizon_months']}个月内的项目；转为蜗牛日期取两者中较早者（月末日不存在时取当月最后一天）。"
            "“下月”指该日期落在所选月份的下一个月，届时的月末快照即计为蜗牛，除非此前开工（竣工）。"
            f"临期闲置=按国家闲置土地认定规则，合同开工日期满一年仍未动工，且满一年之日在月末后{s['idle_warning_days']}天内的地块。")


def next_month_label(month: str, ahead: int = 1) -> str:
    year, mon = int(month[:4]), int(month[5:]) + ahead
    year, mon = year + (mon - 1) // 12, (mon - 1) % 12 + 1
    return f"{year}年{mon}月"


def upcoming_counts(upcoming: pl.DataFrame, unit: str, horizon: int) -> pl.DataFrame:
    """Per unit: projects turning 蜗牛 next month, within 2 months, … within `horizon` months (cumulative);
    every unit of the selection present, zeros included, then a 合计 row."""
    grid = all_units(unit)
    columns = []
    for ahead in range(1, horizon + 1):
        name = "下月" if ahead == 1 else f"{ahead}个月内"
        counted = (upcoming.filter(pl.col("months_ahead") <= ahead).group_by("unit_id").agg(pl.len().alias(name)))
        grid = grid.join(counted, on="unit_id", how="left").with_columns(pl.col(name).fill_null(0).cast(pl.Int64))
        columns.append(name)
    names = {u.id: u.name for u in units.UNITS}
    grid = grid.with_columns(pl.col("unit_id").replace_strict(names).alias("unit_name")).sort("sort_order")
    total = grid.select(pl.lit("合计").alias("unit_name"), *(pl.col(c).sum() for c in columns))
    return pl.concat([grid.select("unit_name", *columns), total]).rename(
        {c: labels.with_unit(f"{c}将新增蜗牛", "个") for c in columns} | {"unit_name": labels.header("unit_name")})


def upcoming_headline(upcoming: pl.DataFrame, month: str) -> str:
    """“2021年1月将新增蜗牛项目N个（亿元以上M个）”."""
    nxt = upcoming.filter(pl.col("months_ahead") == 1)
    big = nxt.filter(pl.col("is_above_100m")).height
    return f"下月（{next_month_label(month)}）将新增蜗牛项目{nxt.height}个（亿元以上{big}个），除非此前开工或竣工"


def upcoming_table(upcoming: pl.DataFrame) -> pl.DataFrame:
    return labels.table(upcoming, "turns_on", "days_left", "project_name", "project_code", "unit_name",
                        "snail_type", "contract_on", pl.col("total_investment_yi").round(2), "leader_tier", "stage")


def idle_upcoming_table(parcels: pl.DataFrame) -> pl.DataFrame:
    return labels.table(parcels, "idle_on", "days_left", "parcel_id", "parcel_name", "unit_name", "land_use", "area",
                        "supplied_on", pl.col("contract_start_on").alias("parcel_contract_start_on"),
                        "project_code", "project_name")


def upcoming_blocks(data: dict[str, pl.DataFrame], month: str, unit: str) -> list:
    """The 通报's 临期预警 part (section problem_projects): next month's count per unit and every such project of
    1亿元 and above, by name. Reads data["upcoming_snails"] (UPCOMING_QUERY, as briefing.LOADERS runs it)."""
    from cockpit import report

    upcoming = data["upcoming_snails"]
    nxt = upcoming.filter(pl.col("months_ahead") == 1)
    big = nxt.filter(pl.col("is_above_100m"))
    when = next_month_label(month)
    blocks: list = [report.Heading("临期预警", level=2)]
    if nxt.height == 0:
        blocks.append(report.Para(f"按合同约定日期测算，{when}无新增蜗牛项目。"))
        return blocks
    per_unit = (nxt.group_by("unit_id", "unit_name", "sort_order").agg(pl.len().alias("n"),
                                                                         pl.col("is_above_100m").sum().alias("big"))
                .sort("sort_order"))
    parts = "，".join(f"{r['unit_name']}{r['n']}个" for r in per_unit.iter_rows(named=True))
    blocks.append(report.Para(f"按合同约定日期测算，如不能按期开工或竣工，{when}将新增蜗牛项目{nxt.height}个，"
                              f"其中亿元以上{big.height}个。分地区看：{parts}。"))
    if big.height:
        rows = big.sort("sort_order", "turns_on", "project_code")
        frame = pl.DataFrame({
            "县级主体": rows["unit_name"],
            "项目名称": rows["project_name"],
            "总投资（亿元）": [f"{v:.2f}" for v in rows["total_investment_yi"]],
            "蜗牛类型": rows["snail_type"],
            "合同日期": [f"{d.year}年{d.month}月{d.day}日" for d in rows["contract_on"]],
            "转为蜗牛日期": [f"{d.year}年{d.month}月{d.day}日" for d in rows["turns_on"]],
        })
        blocks.append(report.Table(frame, caption=f"{when}将转为蜗牛的亿元以上项目",
                                   note="注：按合同开工（竣工）日期加6个月测算，此前开工（竣工）的不再计入。"))
    return blocks


def upcoming_decisions(upcoming: pl.DataFrame, unit: str, threshold_yi: float = 10.0) -> list:
    """For the 需研究解决 slide: projects of 10亿元 and above that turn 蜗牛 next month (meeting.Decision items)."""
    from cockpit.views.meeting import Decision

    rows = upcoming.filter((pl.col("months_ahead") == 1) & (pl.col("total_investment_yi") >= threshold_yi))
    if unit != units.CITY_ID:
        rows = rows.filter(pl.col("unit_id") == unit)
    return [Decision("临期蜗牛", f"{r['project_name']}（{r['total_investment_yi']:,.2f}亿元，{r['leader_tier']}联系）："
                                 f"如{r['turns_on'].year}年{r['turns_on'].month}月{r['turns_on'].day}日前仍未{r['snail_type'][:2]}，"
                                 "将列为蜗牛项目",
                     r["unit_short"])
            for r in rows.sort("total_investment_yi", "project_code", descending=[True, False]).iter_rows(named=True)]
