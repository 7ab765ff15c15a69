"""Reference implementations in plain polars that tests hold the page queries' SQL against (the pages compute
these in SQL since issue 19 §6: filters as parameters, the year's warning counts in one query)."""
from __future__ import annotations

import polars as pl

from cockpit.views import snail_warnings
from cockpit.views.project_explorer import NO_WARNING, NOT_IDLE, SNAIL_OPTIONS


def with_warnings(projects: pl.DataFrame, warnings: pl.DataFrame) -> pl.DataFrame:
    """Adds each project's warning grade and reasons (null when it has none) from warnings.for_month()."""
    return projects.join(warnings.select("project_code", pl.col("grade").alias("warning_grade"),
                                         pl.col("reasons").alias("warning_reasons")),
                         on="project_code", how="left")


def with_idle_land(projects: pl.DataFrame, idle_parcels: pl.DataFrame) -> pl.DataFrame:
    """Adds the “五未” categories of each project's parcels (the month's whole idle__list; empty list when none)."""
    categories = (idle_parcels.drop_nulls("project_code").group_by("project_code")
                  .agg(pl.col("category").unique().sort().alias("idle_categories")))
    return (projects.join(categories, on="project_code", how="left")
            .with_columns(pl.col("idle_categories").fill_null(pl.lit([], dtype=pl.List(pl.String)))))


def filter_projects(projects: pl.DataFrame, categories=(), industries=(), stages=(), sizes=(), leaders=(),
                    grades=(), snails=(), idle=()) -> pl.DataFrame:
    """Keeps the rows matching every non-empty choice; an empty choice keeps all. grades may hold NO_WARNING,
    snails SNAIL_OPTIONS, idle “五未” categories and NOT_IDLE (idle needs with_idle_land first)."""
    shown = projects
    if snails and set(snails) != set(SNAIL_OPTIONS):
        snail = pl.col("is_snail").fill_null(False)
        shown = shown.filter(snail if SNAIL_OPTIONS[0] in snails else ~snail)
    if idle:
        wanted = [c for c in idle if c != NOT_IDLE]
        matches = pl.col("idle_categories").list.eval(pl.element().is_in(wanted)).list.any()
        shown = shown.filter(matches | (pl.col("idle_categories").list.len() == 0) if NOT_IDLE in idle else matches)
    for column, chosen in (("category", categories), ("industry", industries), ("stage", stages),
                           ("size_tier", sizes), ("leader_tier", leaders)):
        if chosen:
            shown = shown.filter(pl.col(column).is_in(list(chosen)))
    if grades:
        shown = shown.filter(pl.col("warning_grade").fill_null(NO_WARNING).is_in(list(grades)))
    return shown


def warning_trend(by_month: dict[str, pl.DataFrame], unit: str) -> pl.DataFrame:
    """Warned projects per snapshot month and grade (zeros included), from each month's warnings__projects rows."""
    rows = []
    for month, warnings in by_month.items():
        counts = snail_warnings.grade_counts(snail_warnings.warnings_of_unit(warnings, unit))
        rows += [{"month": month, "grade": g, "grade_order": i + 1, "projects": counts[g]}
                 for i, g in enumerate(snail_warnings.GRADES)]
    return pl.DataFrame(rows, schema={"month": pl.String, "grade": pl.String, "grade_order": pl.Int64,
                                      "projects": pl.Int64})
