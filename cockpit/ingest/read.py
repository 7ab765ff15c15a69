"""Reads .xlsx sheets and .csv files into raw text frames, recognising which table each one holds."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import polars as pl

from cockpit import schema

HEADER_SEARCH_ROWS = 5  # a title or note may sit above the header row
SKIP_SHEETS = ("说明", "填报说明", "README")


@dataclass
class RawTable:
    """One sheet or csv recognised as a table: every cell as stripped text, plus its origin."""
    table: schema.Table
    file: str
    sheet: str | None
    frame: pl.DataFrame  # column names are schema column names; values are text or null
    extra_headers: list[str] = field(default_factory=list)
    missing: list[schema.Column] = field(default_factory=list)
    header_row: int = 1  # row number of the header as Excel shows it


@dataclass
class Unreadable:
    file: str
    sheet: str | None
    reason: str
    level: str = "error"  # "warning" for a sheet beside the data that is skipped


def normalise_header(text: object) -> str:
    header = re.sub(r"[\s\u3000]+", "", str(text or ""))
    header = header.rstrip("*＊").replace("(", "（").replace(")", "）")
    return header


_HEADER_INDEX = {t.name: {normalise_header(c.header): c for c in t.columns} for t in schema.TABLES.values()}


def cell_text(value: object) -> str | None:
    """A cell as text the parsers understand: dates as ISO, whole floats without '.0', blanks as null."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip().replace("\u3000", "")
    return text or None


def _recognise(headers: list[str], sheet_name: str | None) -> schema.Table | None:
    by_title = next((t for t in schema.TABLES.values() if sheet_name and t.title in sheet_name), None)
    if by_title and sum(h in _HEADER_INDEX[by_title.name] for h in headers) >= 1:
        return by_title
    scored = [(sum(h in _HEADER_INDEX[t.name] for h in headers), t) for t in schema.TABLES.values()]
    score, best = max(scored, key=lambda pair: pair[0])
    return best if score >= 2 else None


def _find_header(rows: list[list[str | None]]) -> int | None:
    """Index of the row that looks most like a header (most cells that are known headers)."""
    known = set().union(*_HEADER_INDEX.values())
    scores = [sum(normalise_header(c) in known for c in row if c) for row in rows[:HEADER_SEARCH_ROWS]]
    if not scores or max(scores) < 2:
        return None
    return scores.index(max(scores))


def _to_raw_table(file: str, sheet: str | None, rows: list[list[str | None]], first_row_number: int
                  ) -> RawTable | Unreadable | None:
    header_at = _find_header(rows)
    if header_at is None:
        return None if sheet in SKIP_SHEETS else Unreadable(file, sheet, "未找到表头，无法识别是哪张表")
    headers = [normalise_header(c) for c in rows[header_at]]
    table = _recognise(headers, sheet)
    if table is None:
        return Unreadable(file, sheet, "表头与五张模板均不匹配")
    index = _HEADER_INDEX[table.name]
    positions = {index[h].name: i for i, h in enumerate(headers) if h in index}
    extra = [rows[header_at][i] for i, h in enumerate(headers) if h and h not in index]
    data = {name: [] for name in positions}
    origin_rows = []
    for offset, row in enumerate(rows[header_at + 1:], start=header_at + 1):
        if not any(row):
            continue
        origin_rows.append(first_row_number + offset)
        for name, i in positions.items():
            data[name].append(row[i] if i < len(row) else None)
    frame = pl.DataFrame({name: pl.Series(values, dtype=pl.String) for name, values in data.items()},
                         schema={name: pl.String for name in positions})
    frame = frame.with_columns(
        pl.lit(file).alias("_file"), pl.lit(sheet, dtype=pl.String).alias("_sheet"),
        pl.Series("_row", origin_rows, dtype=pl.Int64))
    missing = [c for c in table.columns if c.name not in positions]
    for column in missing:  # absent columns are blank; a missing required one is reported once, not per row
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column.name))
    frame = frame.with_columns(pl.Series("_absent", [[c.name for c in missing]] * frame.height,
                                         dtype=pl.List(pl.String)))
    return RawTable(table, file, sheet, frame, [str(e) for e in extra], missing,
                    header_row=first_row_number + header_at)


def read_xlsx(name: str, data: bytes) -> list[RawTable | Unreadable]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        return [Unreadable(name, None, f"无法读取为 Excel 文件（{type(exc).__name__}）")]
    found = []
    for sheet in book.worksheets:
        if sheet.title in SKIP_SHEETS:  # the templates' own notes, never data
            continue
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        result = _to_raw_table(name, sheet.title, rows, first_row_number=1)
        named_as_table = any(t.title in sheet.title for t in schema.TABLES.values())
        if isinstance(result, Unreadable) and not named_as_table:  # totals or notes beside the data
            result = Unreadable(name, sheet.title, result.reason + "，已跳过", "warning")
        if result is not None:
            found.append(result)
    if not any(isinstance(item, RawTable) for item in found):
        found.append(Unreadable(name, None, "文件中没有识别到任何模板表（按工作表名称和表头）"))
    return found


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; otherwise GB18030, a superset of GBK and GB2312."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv(name: str, data: bytes) -> list[RawTable | Unreadable]:
    try:
        text = decode_csv(data)
    except UnicodeDecodeError:
        return [Unreadable(name, None, "文件编码无法识别（应为 UTF-8 或 GBK）")]
    rows = [[cell_text(c) for c in row] for row in csv.reader(io.StringIO(text))]
    result = _to_raw_table(name, None, rows, first_row_number=1)
    return [result] if result is not None else [Unreadable(name, None, "文件为空")]


def read_source(name: str, data: bytes) -> list[RawTable | Unreadable]:
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("xlsx", "xlsm"):
        return read_xlsx(name, data)
    if suffix == "csv":
        return read_csv(name, data)
    return [Unreadable(name, None, "只支持 .xlsx 与 .csv 文件")]
