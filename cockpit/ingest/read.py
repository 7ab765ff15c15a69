"""Reads .xlsx/.xls/.et sheets and .csv/.txt files into raw text frames, recognising which table each one holds.

Workbooks are inspected before they are parsed (archive.py), then read by calamine (Rust) one sheet at a time and
turned into text columns in chunks, so memory follows the rows really there, not the range a file declares.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

import polars as pl

from cockpit import schema
from cockpit.ingest import archive

HEADER_SEARCH_ROWS = archive.HEADER_ROWS  # a title or note may sit above the header row
SKIP_SHEETS = ("说明", "填报说明", "README")
CHUNK_ROWS = 20_000  # rows turned into a polars frame at a time: Python lists of text cost ~10× the frame
ENCRYPTED = "文件已加密，请另存为不加密的 .xlsx"
WORKBOOK_SUFFIXES = ("xlsx", "xlsm", "xls", "et")
TEXT_SUFFIXES = ("csv", "txt", "tsv")
ACCEPTED_SUFFIXES = WORKBOOK_SUFFIXES + TEXT_SUFFIXES  # for an upload widget's type list
UNSUPPORTED = "文件类型不支持：只支持 .xlsx、.xls、.et 工作簿与 .csv、.txt（逗号或制表符分隔）文件"
NOT_A_TABLE = ("未找到表头，无法识别是哪张表", "表头与五张模板均不匹配")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A 合计/总计/小计 row at the foot of a 项目库 or 土地 sheet: skipped, its sums checked (importer).
TOTAL_LABEL = re.compile(r"^[合总小]\s*计\s*(?:[:：（(].*)?$")
TOTAL_TABLES = ("projects", "land")
# Invisible characters that let two names look alike on screen, or break a line: removed with a warning.
# C0/C1 controls (tab, CR and LF become a space), zero-width and bidirectional controls, soft hyphen, BOM.
INVISIBLE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
_INVISIBLE = re.compile(INVISIBLE)


@dataclass
class TotalRow:
    row: int  # as Excel shows it
    label: str  # 合计 / 总计 / 小计 as written
    values: dict[str, str | None]  # column name -> cell text


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
    uncomputed: list[tuple[int, str]] = field(default_factory=list)  # (row, column name): formula without value
    totals: list[TotalRow] = field(default_factory=list)


@dataclass
class Unreadable:
    file: str
    sheet: str | None
    reason: str
    level: str = "error"  # "warning" for a sheet beside the data that is skipped
    row: int | None = None
    column: str | None = None


def normalise_header(text: object) -> str:
    header = _INVISIBLE.sub("", str(text or ""))
    header = re.sub(r"[\s\u3000]+", "", header)
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


def row_text(values: list) -> list[str | None]:
    """cell_text of every cell, with the two common kinds inline: called for every cell of a 200,000-row sheet."""
    out = []
    append = out.append
    for value in values:
        kind = value.__class__
        if kind is str:
            if value:
                value = value.strip()
                if "\u3000" in value:
                    value = value.replace("\u3000", "")
            append(value or None)
        elif kind is float:
            append(str(int(value)) if value.is_integer() else repr(value))
        else:
            append(cell_text(value))
    return out


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


def _duplicate_headers(file: str, sheet: str | None, header_row: int, raw_headers: list[str | None],
                       index: dict[str, schema.Column]) -> list[Unreadable]:
    """Two columns that mean the same template column: which one to use cannot be guessed."""
    first: dict[str, int] = {}
    found = []
    for i, raw in enumerate(raw_headers):
        column = index.get(normalise_header(raw))
        if column is None:
            continue
        if column.name in first:
            j = first[column.name]
            found.append(Unreadable(
                file, sheet, f"与第{column_letters(j + 1)}列“{raw_headers[j]}”重复，两列都对应“{column.header}”，"
                             f"无法确定用哪一列，请删除其中一列", row=header_row,
                column=f"{raw}（第{column_letters(i + 1)}列）"))
        else:
            first[column.name] = i
    return found


def _total_label(row: list[str | None]) -> str | None:
    for cell in row:
        if cell and cell[0] in "合总小" and TOTAL_LABEL.match(cell):
            return cell
    return None


class _Columns:
    """Text rows gathered and turned into a polars frame every CHUNK_ROWS rows."""

    def __init__(self, names: list[str]):
        self.names, self.parts = names, []
        self._reset()

    def _reset(self):
        self.cells: list[list[str | None]] = []
        self.rows: list[int] = []

    def add(self, number: int, cells: list[str | None]):
        self.rows.append(number)
        self.cells.append(cells)
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def flush(self):
        if self.rows or not self.parts:
            columns = list(zip(*self.cells)) if self.cells else [()] * len(self.names)
            data = {n: pl.Series(n, list(v), dtype=pl.String) for n, v in zip(self.names, columns)}
            data["_row"] = pl.Series("_row", self.rows, dtype=pl.Int64)
            self.parts.append(pl.DataFrame(data))
        self._reset()

    def frame(self) -> pl.DataFrame:
        self.flush()
        return pl.concat(self.parts) if len(self.parts) > 1 else self.parts[0]


def _to_raw_table(file: str, sheet: str | None, rows: Iterable[list[str | None]],
                  uncomputed: set[tuple[int, int]] = frozenset()) -> RawTable | list[Unreadable] | None:
    """rows: every row of the sheet from row 1, cells as text; uncomputed: (row, 0-based index) of formulas."""
    lim = archive.limits()
    rows = iter(rows)
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    header_at = _find_header(head)
    if header_at is None:
        if not any(any(r) for r in chain(head, rows)):
            return None if sheet else [Unreadable(file, sheet, "文件为空")]
        return None if sheet in SKIP_SHEETS else [Unreadable(file, sheet, NOT_A_TABLE[0])]
    raw_headers = head[header_at]
    headers = [normalise_header(c) for c in raw_headers]
    table = _recognise(headers, sheet)
    if table is None:
        return [Unreadable(file, sheet, NOT_A_TABLE[1])]
    index = _HEADER_INDEX[table.name]
    duplicates = _duplicate_headers(file, sheet, header_at + 1, raw_headers, index)
    if duplicates:
        return duplicates
    positions = {index[h].name: i for i, h in enumerate(headers) if h in index}
    extra = [raw_headers[i] for i, h in enumerate(headers) if h and h not in index]
    names, wanted = list(positions), list(positions.values())
    width = max(wanted) + 1
    columns, totals, formulas = _Columns(names), [], []
    formula_rows = {r for r, _i in uncomputed}
    data_rows = chain(enumerate(head[header_at + 1:], start=header_at + 2), enumerate(rows, start=len(head) + 1))
    for number, row in data_rows:
        if number - header_at - 1 > lim.max_rows:
            return [Unreadable(file, sheet, archive.too_large(number - header_at - 1, lim.max_rows), row=number)]
        if len(row) > lim.max_columns:
            return [Unreadable(file, sheet, archive.too_large(len(row), lim.max_columns, "列"), row=number)]
        if not any(row):
            continue
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        cells = [row[i] for i in wanted]
        if table.name in TOTAL_TABLES:
            label = _total_label(row)
            if label:
                totals.append(TotalRow(number, label, dict(zip(names, cells))))
                continue
        if number in formula_rows:
            formulas += [(number, n) for n, i in positions.items() if (number, i) in uncomputed and not row[i]]
        columns.add(number, cells)
    frame = columns.frame().with_columns(
        pl.lit(file).alias("_file"), pl.lit(sheet, dtype=pl.String).alias("_sheet"))
    missing = [c for c in table.columns if c.name not in positions]
    for column in missing:  # absent columns are blank; a missing required one is reported once, not per row
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column.name))
    frame = frame.with_columns(pl.lit([c.name for c in missing], dtype=pl.List(pl.String)).alias("_absent"))
    return RawTable(table, file, sheet, frame, [str(e) for e in extra], missing, header_row=header_at + 1,
                    uncomputed=formulas, totals=totals)


def _sheet_rows(sheet, scan: archive.SheetScan | None) -> tuple[Iterator[list[str | None]], set[tuple[int, int]]]:
    """Rows from row 1 as text; percent-formatted numbers as percents; formula cells without value."""
    offset = sheet.start[1] if sheet.start else 0  # calamine's rows start at row 1 but at the first used column
    percent: dict[int, list[int]] = {}
    errors: dict[int, list[tuple[int, str]]] = {}
    nonpositive: dict[int, list[tuple[int, str]]] = {}
    uncomputed = set()
    if scan is not None:
        for r, c in scan.percent:
            percent.setdefault(r, []).append(c - 1 - offset)
        for (r, c), text in scan.errors.items():
            errors.setdefault(r, []).append((c - 1 - offset, text))
        for (r, c), text in scan.nonpositive.items():
            nonpositive.setdefault(r, []).append((c - 1 - offset, text))
        uncomputed = {(r, c - 1 - offset) for r, c in scan.uncomputed}

    def rows():
        for number, values in enumerate(sheet.iter_rows(), start=1):
            for i in percent.get(number, ()):
                if 0 <= i < len(values) and isinstance(values[i], (int, float)) and not isinstance(values[i], bool):
                    values[i] = round(values[i] * 100, 10)  # Excel shows 0.15 as 15%: the user means 15 (%)
            for i, text in errors.get(number, ()):
                if i >= len(values):  # an error cell may lie outside the range the reader kept
                    values.extend([""] * (i + 1 - len(values)))
                if i >= 0 and values[i] in ("", None):
                    values[i] = text  # shown in the message: 不是有效数字（“#DIV/0!”）
            for i, text in nonpositive.get(number, ()):
                if 0 <= i < len(values) and isinstance(values[i], dt.time):
                    values[i] = text  # a date-formatted 0 or −1: quoted as written, not as 00:00:00
            yield row_text(values)

    return rows(), uncomputed


def _read_book(name: str, data: bytes, scans: dict[str, archive.SheetScan] | None
               ) -> list[RawTable | Unreadable]:
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    lim = archive.limits()
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        return [Unreadable(name, None, ENCRYPTED)]
    except Exception as exc:  # noqa: BLE001 - calamine raises several kinds for a damaged or foreign file
        return [Unreadable(name, None, f"无法读取为 Excel 文件（文件已损坏或格式不对：{type(exc).__name__}）")]
    if scans is not None:  # the reader must read nothing the check did not see (issue 16: 512 GB asked for)
        unseen = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet and m.name not in scans]
        if unseen:
            return [Unreadable(name, unseen[0], archive.UNSURE.format(sheet=unseen[0], detail="检查时未找到该工作表"))]
    found: list[RawTable | Unreadable] = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or meta.name in SKIP_SHEETS:  # charts; the templates' notes
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except PasswordError:
            return [Unreadable(name, None, ENCRYPTED)]
        except Exception as exc:  # noqa: BLE001 - one damaged sheet is reported, the others still read
            found.append(Unreadable(name, meta.name, f"工作表无法读取（{type(exc).__name__}）"))
            continue
        if scans is None and sheet.end and sheet.end[0] + 1 > lim.sheet_rows:  # .xls: at most 65,536 rows
            found.append(Unreadable(name, meta.name, archive.too_large(sheet.end[0] + 1, lim.max_rows)))
            continue
        rows, uncomputed = _sheet_rows(sheet, scans.get(meta.name) if scans else None)
        result = _to_raw_table(name, meta.name, rows, uncomputed)
        named_as_table = any(t.title in meta.name for t in schema.TABLES.values())
        if isinstance(result, list) and not named_as_table and result[0].reason in NOT_A_TABLE:
            result = [Unreadable(name, meta.name, result[0].reason + "，已跳过", "warning")]  # totals or notes
        if result is not None:
            found += result if isinstance(result, list) else [result]
    if not any(isinstance(item, RawTable) for item in found) and not any(
            isinstance(item, Unreadable) and item.level == "error" for item in found):
        found.append(Unreadable(name, None, "文件中没有识别到任何模板表（按工作表名称和表头）"))
    return found


def read_workbook(name: str, data: bytes) -> list[RawTable | Unreadable]:
    """.xlsx/.xlsm (zip), .xls/.et (OLE2, Excel 97–2003 and WPS): by content, whatever the file is called."""
    if data[:4] == b"PK\x03\x04":
        try:
            scans = archive.inspect_xlsx(data)
        except archive.TooLarge as exc:
            return [Unreadable(name, exc.sheet, exc.reason, row=exc.row)]
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError) as exc:
            return [Unreadable(name, None, f"无法读取为 Excel 文件（文件已损坏：{type(exc).__name__}）")]
        return _read_book(name, data, scans)
    if data[:8] == OLE_MAGIC:
        if archive.is_encrypted_office_file(data):
            return [Unreadable(name, None, ENCRYPTED)]
        try:
            archive.check_xls(data, archive.limits())
        except archive.TooLarge as exc:
            return [Unreadable(name, None, exc.reason)]
        return _read_book(name, data, None)
    return [Unreadable(name, None, "无法读取为 Excel 文件（文件已损坏，或不是 Excel 工作簿）")]


def decode_text(data: bytes) -> str:
    """By BOM: UTF-16 (Excel's “Unicode 文本”), UTF-8; then UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:  # ASCII-heavy UTF-16LE without a BOM
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","


def read_csv(name: str, data: bytes) -> list[RawTable | Unreadable]:
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        return [Unreadable(name, None, "文件编码无法识别（应为 UTF-8、GBK 或 UTF-16）")]
    if not text.strip(" \t\r\n\ufeff,"):
        return [Unreadable(name, None, "文件为空")]
    # A cell may be as long as the file: its length is checked as a row error, not by the csv module.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    # newline="": the csv module itself reads \n, \r\n and a classic-Mac \r alone, mixed in one file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        result = _to_raw_table(name, None, (row_text(row) for row in reader))
    except csv.Error as exc:
        return [Unreadable(name, None, f"文件格式有误，无法按表格读取（第{reader.line_num}行：{exc}）",
                           row=reader.line_num)]
    if result is None:
        return [Unreadable(name, None, "文件为空")]
    return result if isinstance(result, list) else [result]


def read_source(name: str, data: bytes) -> list[RawTable | Unreadable]:
    lim = archive.limits()
    if len(data) > lim.max_file_mb << 20:
        return [Unreadable(name, None, f"文件超过{lim.max_file_mb}MB上限（本文件 {len(data) / (1 << 20):.1f} MB）")]
    if not data:
        return [Unreadable(name, None, "文件为空")]
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in WORKBOOK_SUFFIXES:
        return read_workbook(name, data)
    if suffix in TEXT_SUFFIXES:
        return read_csv(name, data)
    return [Unreadable(name, None, UNSUPPORTED)]
