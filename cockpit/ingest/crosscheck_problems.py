"""The 项目问题 rows' own checks, beyond the generic ones every table gets (cockpit/ingest/validate.py):
问题类型 from the list, 办结日期 and 办理时限 not before 提出日期, actual dates not after the month end, and every
项目代码 in the month's 项目库 (imported with it, or the month's current snapshot). Called by the importer's check."""
from __future__ import annotations

import polars as pl

from cockpit import schema, store

TYPE_REASON = "问题类型应为 " + "、".join(schema.PROBLEM_TYPES) + " 之一（“{value}”）"
ORDER_REASON = "早于“提出日期”，日期先后顺序不对（“{value}”）"
FUTURE_REASON = "实际日期晚于快照月末（{month_end}）（“{value}”）"
UNKNOWN_REASON = "{month}项目库中没有该项目代码（“{value}”）"
NO_PROJECTS_REASON = "{month} 尚无项目库快照，本次也未导入项目库，无法核对项目问题的项目代码：请先导入或一并导入项目库"


def _known_codes(frames: dict[str, pl.DataFrame], month: str, root) -> set[str] | None:
    """项目代码 of the month's 项目库: this import's, else the current snapshot's; None when there is neither."""
    if "projects" in frames:
        return set(frames["projects"]["project_code"].drop_nulls().to_list())
    current = store.current_files(root).filter((pl.col("table_name") == "projects") & (pl.col("period") == month))
    if current.is_empty():
        return None
    return set(pl.read_parquet(store.data_dir(root) / current["path"][0], columns=["project_code"])
               ["project_code"].drop_nulls().to_list())


def problems(frames: dict[str, pl.DataFrame], month: str, root=None) -> list:
    """Every 项目问题 row that breaks one of these rules, as the importer's Problem (error, row and column)."""
    from cockpit.ingest.importer import Problem

    frame = frames.get("problems")
    if frame is None or frame.is_empty():
        return []
    header = {c.name: c.header for c in schema.PROBLEMS.columns}
    month_end = store.month_end(month)
    found = []

    def add(rows: pl.DataFrame, column: str, reason: str, **detail) -> None:
        for row in rows.iter_rows(named=True):
            found.append((row["_row"], list(header).index(column), Problem(
                "error", row["_file"], row["_sheet"], row["_row"], header[column],
                reason.format(value=row[f"{column}__raw"], **detail))))

    add(frame.filter(pl.col("problem_type").is_not_null() & ~pl.col("problem_type").is_in(schema.PROBLEM_TYPES)),
        "problem_type", TYPE_REASON)
    for column in ("raised_on", "closed_on"):
        add(frame.filter(pl.col(column) > month_end), column, FUTURE_REASON, month_end=month_end.isoformat())
    for column in ("due_on", "closed_on"):
        add(frame.filter(pl.col(column) < pl.col("raised_on")), column, ORDER_REASON)
    known = _known_codes(frames, month, root)
    if known is None:
        first = frame.row(0, named=True)
        found.append((0, 0, Problem("error", first["_file"], first["_sheet"], None, header["project_code"],
                                    NO_PROJECTS_REASON.format(month=month))))
    else:
        add(frame.filter(pl.col("project_code").is_not_null() & ~pl.col("project_code").is_in(list(known))),
            "project_code", UNKNOWN_REASON, month=month)
    return [problem for _row, _column, problem in sorted(found, key=lambda item: (item[0], item[1]))]
