"""Frames the 数据管理 page shows, with Chinese headers: problems, row counts, a preview, the history."""
from __future__ import annotations

import polars as pl

from cockpit import labels, schema, store

PREVIEW_ROWS = 50
_SOURCES = pl.List(pl.Struct({"name": pl.String, "sha256": pl.String}))


def problems_frame(problems: list) -> pl.DataFrame:
    """级别/文件/工作表/行/列/原因, one row per problem."""
    frame = pl.DataFrame(
        [{"level": p.level_label, "file": p.file, "sheet": p.sheet, "row": p.row, "column": p.column,
          "reason": p.reason} for p in problems],
        schema={"level": pl.String, "file": pl.String, "sheet": pl.String, "row": pl.Int64, "column": pl.String,
                "reason": pl.String})
    return labels.table(frame, *frame.columns)


def counts_frame(writes: list[store.SnapshotWrite]) -> pl.DataFrame:
    """表/期间/行数 of what a confirmed import will write."""
    frame = pl.DataFrame([{"table_title": schema.TABLES[w.table].title, "period": w.period, "row_count": w.frame.height}
                          for w in writes], schema={"table_title": pl.String, "period": pl.String, "row_count": pl.Int64})
    return labels.table(frame, *frame.columns)


def preview(write: store.SnapshotWrite, rows: int = PREVIEW_ROWS) -> pl.DataFrame:
    """The first parsed rows as they will be stored (unit ids, dates, values in 万元/万美元), under template headers."""
    table = schema.TABLES[write.table]
    headers = {c.name: c.header for c in table.columns}
    if table.name in ("indicators", "targets"):  # values are converted; say into what
        value_columns = ("value_ytd", "value_prior_ytd") if table.name == "indicators" else ("target_value",)
        headers |= {c: f"{headers[c]}（折算后）" for c in value_columns}
        headers["measure_unit"] = "计量单位（折算后）"
    return write.frame.head(rows).rename(headers)


def history_frame(history: pl.DataFrame) -> pl.DataFrame:
    """批次/表/期间/行数/导入时间/导入人/来源文件/是否当前, newest first."""
    if history.is_empty():
        return pl.DataFrame()
    titles = {name: t.title for name, t in schema.TABLES.items()}
    source_names = (pl.col("source_files").str.json_decode(_SOURCES)
                    .list.eval(pl.element().struct.field("name")).list.join("、"))
    return labels.table(
        history, "generation", pl.col("table_name").replace_strict(titles).alias("table_title"), "period",
        "row_count", "imported_at", "imported_by", source_names.alias("source_names"),
        pl.when("is_current").then(pl.lit("是")).otherwise(pl.lit("")).alias("is_current"),
    )
