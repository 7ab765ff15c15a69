"""Frames the 数据管理 page shows, with Chinese headers: problems, row counts, a preview, the history."""
from __future__ import annotations

import polars as pl

from cockpit import schema, store

PREVIEW_ROWS = 50
_SOURCES = pl.List(pl.Struct({"name": pl.String, "sha256": pl.String}))


def problems_frame(problems: list) -> pl.DataFrame:
    """级别/文件/工作表/行/列/原因, one row per problem."""
    return pl.DataFrame(
        [{"级别": p.level_label, "文件": p.file, "工作表": p.sheet, "行": p.row, "列": p.column, "原因": p.reason}
         for p in problems],
        schema={"级别": pl.String, "文件": pl.String, "工作表": pl.String, "行": pl.Int64, "列": pl.String,
                "原因": pl.String})


def counts_frame(writes: list[store.SnapshotWrite]) -> pl.DataFrame:
    """表/期间/行数 of what a confirmed import will write."""
    return pl.DataFrame([{"表": schema.TABLES[w.table].title, "期间": w.period, "行数": w.frame.height}
                         for w in writes], schema={"表": pl.String, "期间": pl.String, "行数": pl.Int64})


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
    return history.select(
        批次="generation", 表=pl.col("table_name").replace_strict(titles), 期间="period", 行数="row_count",
        导入时间="imported_at", 导入人="imported_by", 来源文件=source_names,
        是否当前=pl.when("is_current").then(pl.lit("是")).otherwise(pl.lit("")),
    )
