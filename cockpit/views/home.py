"""The home page's 本月要点: a few headline facts, each computed by the same code as its detail page."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from cockpit import metrics
from cockpit.views import idle_land, inspection, snail_warnings, target_progress

HEADLINE_METRICS = ("industrial_investment", "fdi", "projects_above_100m", "starts")


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str  # one line under the figure
    status: str | None  # 达序时 / 落后 / 严重落后, or None for counts of problems
    page: str  # which page has the detail


def target_facts(progress_rows: pl.DataFrame, month: str, unit: str,
                 refuted: pl.DataFrame | None = None) -> list[Fact]:
    """Headline targets from progress__by_metric rows; a count that standing 不属实 verdicts (inspection__refuted
    rows) change names them on its tile (issue 18: "另有N个经核查不属实，未计入")."""
    view = (target_progress.month_view(progress_rows, month, unit)
            .filter(pl.col("metric_key").is_in(HEADLINE_METRICS)))
    no_targets = target_progress.targets_missing(progress_rows, month)
    facts = []
    for key in HEADLINE_METRICS:
        found = view.filter(pl.col("metric_key") == key)
        if found.is_empty() or (found["target"][0] is None and not no_targets):
            continue
        row = found.row(0, named=True)
        metric = metrics.METRIC_BY_KEY[key]
        refuted_note = inspection.refuted_note(refuted, key, unit, names=1) if refuted is not None else None
        if no_targets:  # a January before its 年度目标: the figure alone, and why there is no rate
            facts.append(Fact(metric.label, metrics.format_value(row["value"], metric.unit),
                              "；".join(filter(None, (target_progress.NO_TARGETS, refuted_note))), None, "目标进度"))
            continue
        target = f"目标{metrics.format_value(row['target'], metric.unit)}"
        note = (f"{target}，完成{row['completion']:.1%}，序时{row['pace']:.1%}" if row["completion"] is not None
                else f"{target}，{row['missing_reason'] or '暂无完成数'}")
        partial = target_progress.partial_text(row)
        if partial:  # a 全市 summed from fewer than nine units says so on the tile
            note = f"{note}；全市仅为已报送的{row['units_reported']}个主体合计，{partial}"
        if refuted_note:
            note = f"{note}；{refuted_note}"
        facts.append(Fact(metric.label, metrics.format_value(row["value"], metric.unit), note, row["status"],
                          "目标进度"))
    return facts


def problem_facts(snail_counts: pl.DataFrame, warning_counts: pl.DataFrame, idle_by_unit: pl.DataFrame) -> list[Fact]:
    """蜗牛, warnings and “五未” from the unit's counts (snail__by_unit, warnings__by_unit: counted in SQL, no list
    fetched) and idle__by_unit rows."""
    grades = snail_warnings.grade_totals(warning_counts)
    idle_total = idle_land.grand_total(idle_by_unit)
    change = (idle_total["idle_area"] - idle_total["idle_area_prev"]
              if idle_total["idle_area_prev"] is not None else None)
    return [
        Fact("蜗牛项目", f"{snail_warnings.snail_totals(snail_counts):,}个", "超合同开工/竣工日期6个月以上", None,
             "蜗牛项目与预警"),
        Fact("红色预警", f"{grades['红']:,}个", f"黄色{grades['黄']:,}个", None, "蜗牛项目与预警"),
        Fact("“五未”土地", metrics.format_value(idle_total["idle_area"], "亩"),
             f"{idle_total['parcels']:,.0f}宗" + ("" if change is None else
                                                  f"，较上月{change:+,.0f}亩"), None, "“五未”土地"),
    ]
