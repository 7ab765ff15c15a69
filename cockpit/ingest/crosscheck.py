"""Checks that read two tables at once (issue 18): 核查结果 and 招商活动 against the month's 项目库.

The importer calls `problems(frames, month, root)` after every table is parsed; the 项目库 is the one imported with
them or, when they come alone, the month's current snapshot. Every finding names file, sheet, row and column.
"""
from __future__ import annotations

import datetime as dt
import os

import polars as pl

from cockpit import schema, store, units

# 核查类型 -> the 项目库 date it verifies
EVENT_DATES = {"开工": "started_on", "竣工": "completed_on", "投产": "production_on"}


def today() -> dt.date:
    """The day 核查日期 may not pass. COCKPIT_TODAY (YYYY-MM-DD) fixes it for tests: the check runs in a child
    process (cockpit/ingest/isolate.py), which takes the caller's COCKPIT_* environment but not its patches."""
    fixed = os.environ.get("COCKPIT_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _month_projects(frames: dict[str, pl.DataFrame], month: str, root) -> pl.DataFrame | None:
    columns = ["project_code", "unit_id", *EVENT_DATES.values()]
    if "projects" in frames:
        return frames["projects"].select(columns).drop_nulls("project_code").unique("project_code")
    current = store.current_files(root).filter((pl.col("table_name") == "projects") & (pl.col("period") == month))
    if current.is_empty():
        return None
    return pl.read_parquet(store.data_dir(root) / current["path"][0], columns=columns)


def _problem(row: dict, column: str, reason: str, level: str = "error"):
    from cockpit.ingest.importer import Problem  # the importer imports this module

    return Problem(level, row["_file"], row["_sheet"], row["_row"], column, reason)


def _missing_projects(frame: pl.DataFrame, table: schema.Table, month: str) -> list:
    first = frame.row(0, named=True)
    return [_problem({**first, "_row": None}, None,
                     f"{month} 尚无项目库快照，本次也未导入项目库，无法核对“{table.title}”，请先导入或一并导入{month}的项目库")]


def _inspection_problems(frame: pl.DataFrame, projects: pl.DataFrame, month: str) -> list:
    headers = {c.name: c.header for c in schema.INSPECTIONS.columns}
    date_headers = {c.name: c.header for c in schema.PROJECTS.columns}
    known = {r["project_code"]: r for r in projects.iter_rows(named=True)}
    found, now = [], today()
    for row in frame.sort("_row").iter_rows(named=True):
        code, kind, on = row["project_code"], row["check_type"], row["inspected_on"]
        if code is None:
            continue
        project = known.get(code)
        if project is None:
            found.append(_problem(row, headers["project_code"], f"不在{month}的项目库中"))
            continue
        event = project[EVENT_DATES[kind]] if kind else None
        if kind and (event is None or event.strftime("%Y-%m") != month):
            shown = event.isoformat() if event else "空"
            found.append(_problem(row, headers["check_type"],
                                  f"该项目“{date_headers[EVENT_DATES[kind]]}”为{shown}，不在{month}，不属本月{kind}核查范围"))
        elif on is not None and event is not None and on < event:
            found.append(_problem(row, headers["inspected_on"],
                                  f"早于“{date_headers[EVENT_DATES[kind]]}”（{event.isoformat()}），核查不能早于{kind}"))
        if on is not None and on > now:
            found.append(_problem(row, headers["inspected_on"], f"晚于今天（{now.isoformat()}）"))
    return found


def _promotion_problems(frame: pl.DataFrame, projects: pl.DataFrame | None, month: str) -> list:
    headers = {c.name: c.header for c in schema.PROMOTIONS.columns}
    owner = {r["project_code"]: r["unit_id"] for r in projects.iter_rows(named=True)} if projects is not None else {}
    found = []
    for row in frame.sort("_row").iter_rows(named=True):
        on = row["visited_on"]
        if on is not None and on.strftime("%Y-%m") != month:
            found.append(_problem(row, headers["visited_on"], f"不在导入月份（{month}）内"))
        code = row["signed_project_code"]
        if code is None:
            continue
        if row["outcome"] and row["outcome"] != "签约":
            found.append(_problem(row, headers["signed_project_code"],
                                  f"已填写，但成果为“{row['outcome']}”而不是“签约”", "warning"))
        if projects is None:
            continue
        if code not in owner:
            found.append(_problem(row, headers["signed_project_code"], f"不在{month}的项目库中"))
        elif row["unit_id"] and owner[code] != row["unit_id"]:
            found.append(_problem(row, headers["signed_project_code"],
                                  f"是{units.unit_name(owner[code])}的项目，不是{units.unit_name(row['unit_id'])}的"))
    return found


def problems(frames: dict[str, pl.DataFrame], month: str, root=None) -> list:
    """Row errors (and warnings) of 核查结果 and 招商活动 against the month's 项目库."""
    inspections, promotions = frames.get("inspections"), frames.get("promotions")
    if (inspections is None or inspections.is_empty()) and (promotions is None or promotions.is_empty()):
        return []
    projects = _month_projects(frames, month, root)
    found = []
    if inspections is not None and not inspections.is_empty():
        found += (_missing_projects(inspections, schema.INSPECTIONS, month) if projects is None
                  else _inspection_problems(inspections, projects, month))
    if promotions is not None and not promotions.is_empty():
        needs_projects = promotions["signed_project_code"].is_not_null().any()
        if projects is None and needs_projects:
            found += _missing_projects(promotions.filter(pl.col("signed_project_code").is_not_null()),
                                       schema.PROMOTIONS, month)
        found += _promotion_problems(promotions, projects, month)
    return found
