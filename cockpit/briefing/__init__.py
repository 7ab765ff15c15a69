"""月度通报: the month's slides as PNGs and an editable .pptx, the 通报 as a 公文 (.docx, GB/T 9704), the month's
lists as one .xlsx, all in one .zip.

Also the one place that runs the queries the 例会 slides and the 通报 sections need (the page and the pack read the
same frames, so a number cannot differ between the screen and the document).

Modules: pack (files and zip, the CLI), gongwen (the .docx writer of cockpit.report blocks), sections (the built-in
通报 sections), deck (the .pptx). A mechanism adds its frame loader to LOADERS and its section builder to SECTIONS
(one line each, keyed as in cockpit.report.SECTION_ORDER); a key with no builder is skipped.
"""
from __future__ import annotations

import polars as pl

from cockpit import queries, units
from cockpit.briefing import sections
from cockpit.views import idle_land, inspection, problems, promotion, snail_warnings, target_progress


def _progress_rows(month: str, unit: str) -> pl.DataFrame:
    return queries.run("progress__by_metric", month=month, **target_progress.status_params())

def _warnings(month: str, unit: str) -> pl.DataFrame:
    return queries.run(snail_warnings.WARNING_QUERY, month=month, **snail_warnings.warning_params())

LOADERS = {
    "progress_rows": _progress_rows,
    "map_metrics": lambda month, unit: queries.run("map__unit_metrics", month=month),
    "idle_by_unit": lambda month, unit: queries.run("idle__by_unit", month=month, unit=unit),
    "snails": lambda month, unit: queries.run("snail__projects", month=month, unit=unit),
    "warnings": _warnings,  # every unit: the slides filter (as the 蜗牛项目与预警 page does)
    "projects": lambda month, unit: queries.run("explorer__projects", month=month, unit=unit, search=""),
    "idle_parcels": lambda month, unit: queries.run(idle_land.LIST_QUERY, month=month, unit=unit,
                                                    **idle_land.whole_list_params()),
    "snail_changes": lambda month, unit: queries.run("snail__changes", month=month, unit=unit),
    # 问题清单 (cockpit/views/problems.py): every unit's register (the 需研究解决 list filters), the unit's figures
    "problem_register": lambda month, unit: queries.run("problems__register", month=month, unit=units.CITY_ID),
    "problem_summary": lambda month, unit: queries.run("problems__summary", month=month, unit=unit),
    # 临期预警 (issue 19 §1): projects that turn 蜗牛 in the next months unless they start or complete first
    "upcoming_snails": lambda month, unit: queries.run(snail_warnings.UPCOMING_QUERY, month=month, unit=unit,
                                                       **snail_warnings.upcoming_params()),
    # 一把手招商 and 督查核查 (cockpit/views/promotion.py, inspection.py): every unit; the views pick the unit
    "promotion_by_unit": lambda month, unit: queries.run("promotion__by_unit", month=month),
    "inspection_by_unit": lambda month, unit: queries.run("inspection__by_unit", month=month,
                                                          **inspection.by_unit_params()),
    "inspection_refuted": lambda month, unit: queries.run("inspection__refuted", month=month, unit=units.CITY_ID),
}

def frames(month: str, unit: str, needs: tuple[str, ...] | set[str] = tuple(LOADERS)) -> dict[str, pl.DataFrame]:
    """The named frames for the month and unit (queries are cached by their parameters)."""
    return {name: LOADERS[name](month, unit) for name in needs}

# The 通报's sections by cockpit.report.SECTION_ORDER key: builder(data, month, unit) -> report.Section.
SECTIONS = {
    "overall": sections.overall,
    "units": sections.units_section,
    "ranking": sections.ranking_section,
    "promotion": promotion.briefing_section,
    "inspection": inspection.briefing_section,
    "problem_projects": sections.problem_projects,
    "problems": problems.briefing_section,
    "decisions": sections.decisions_section,
    "next_steps": sections.next_steps,
}

from cockpit.briefing.pack import (  # noqa: E402  (the pack reads LOADERS and SECTIONS above)
    build,
    cli,
    docx_name,
    lists,
    month_words,
    pack_bytes,
    pptx_name,
    xlsx_name,
    zip_name,
)

__all__ = ["LOADERS", "SECTIONS", "build", "cli", "docx_name", "frames", "lists", "month_words", "pack_bytes",
           "pptx_name", "xlsx_name", "zip_name"]
