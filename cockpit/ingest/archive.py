"""Looks inside an .xlsx before any reader parses it: archive limits, each sheet's real extent, formulas without a
value, and percent-formatted cells.

A 6 KB workbook can declare a sheet of 1,048,576 rows × 16,384 columns, or hold one styled cell on the last row, or
a 1 GB entry packed into a few KB; readers that believe the declared range take gigabytes. Everything here streams
the sheet XML in chunks and stops at the first row or column beyond the configured limits, so its own memory is a
few megabytes whatever the file claims.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree import ElementTree

from cockpit import config

HEADER_ROWS = 5  # a title or note may sit above the header row (read.HEADER_SEARCH_ROWS)
CHUNK = 4 << 20
MAX_PENDING = 64 << 20  # a well-formed sheet closes a row long before this
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # some writers prefix every element (x:row, x:c)
_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData\b")
_R_ATTR = re.compile(rb'\br=["\']([0-9]+)["\']')
_DIMENSION = re.compile(rb"<" + _P + rb'dimension\s+ref=["\']([^"\']*)["\']')
# Any r attribute naming a column of two or three letters (a row's r is all digits), after each kind of white
# space. Patterns that start with a literal are scanned at C speed: a 215 MB sheet in 0.3 s, not 3.4 s.
_WIDE_CELLS = {space: re.compile(space + rb'r=["\']([A-Za-z]{2,3})[0-9]') for space in (b" ", b"\n", b"\t", b"\r")}
_CELL_REF = re.compile(rb'\br=["\']([A-Za-z]{1,3})([0-9]+)["\']')
_CELL_OPEN = re.compile(rb"<" + _P + rb"c\b")
_CELL_CLOSE = re.compile(rb"</" + _P + rb"c>")
_VALUE = re.compile(rb"<" + _P + rb"(?:v|is)\b[^>]*>\s*[^<\s]")
_FORMULA = re.compile(rb"<" + _P + rb"f\b")
_ERROR_TYPE = re.compile(rb' t="e"')
_ERROR_VALUE = re.compile(rb"\s*(?:<" + _P + rb"f\b[^>]*?(?:/>|>[^<]*</" + _P + rb"f>)\s*)?<" + _P + rb"v>([^<]{1,32})<")
MAX_NONPOSITIVE = 10_000  # date cells ≤ 0 remembered per sheet (each one is an error anyway)
_DATE_FORMATS = {str(i) for i in (*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59))}
_SPLIT_AT = (b"</row>", b"</x:row>", b"</c>", b"/>", b">")


class TooLarge(Exception):
    """文件过大或已损坏: the reason in Chinese, and the row it concerns when there is one."""

    def __init__(self, reason: str, sheet: str | None = None, row: int | None = None):
        super().__init__(reason)
        self.reason, self.sheet, self.row = reason, sheet, row


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_columns: int
    max_cells: int
    max_cell_chars: int
    max_file_mb: int
    max_zip_entries: int
    max_unpacked_mb: int
    max_zip_ratio: float
    max_shared_strings_mb: int
    max_errors: int
    date_min: str
    date_max: str
    max_amount_wan: float
    max_area_mu: float
    year_min: int
    year_max: int

    @property
    def sheet_rows(self) -> int:
        """Rows a sheet may have: max_rows data rows below a header and title rows."""
        return self.max_rows + HEADER_ROWS


@lru_cache(maxsize=4)
def _limits(path: str) -> Limits:
    return Limits(**{k: v for k, v in config.section("import").items() if k in Limits.__dataclass_fields__})


def limits() -> Limits:
    return _limits(str(config.config_path()))


def too_large(rows: int, limit: int, what: str = "行") -> str:
    return f"文件过大或已损坏（{rows}{what}，上限{limit}{what}）"


@dataclass
class SheetScan:
    """What the sheet XML really holds, 1-based (row, column) positions."""
    name: str
    path: str
    last_row: int = 0
    last_column: int = 0
    uncomputed: set[tuple[int, int]] = field(default_factory=set)  # formulas with no cached value
    percent: set[tuple[int, int]] = field(default_factory=set)  # cells whose number format shows a percentage
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # Excel error values (#DIV/0!, #N/A …)
    # Numbers ≤ 0 as written: a date-formatted 0 or −1 reaches the reader as the time 00:00:00, which hides them.
    nonpositive: dict[tuple[int, int], str] = field(default_factory=dict)


def column_number(letters: bytes | str) -> int:
    number = 0
    for ch in (letters if isinstance(letters, str) else letters.decode()).upper():
        number = number * 26 + ord(ch) - 64
    return number


def is_encrypted_office_file(data: bytes) -> bool:
    """A password-protected .xlsx is an OLE2 container with an EncryptedPackage stream, not a zip."""
    return data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and "EncryptedPackage".encode("utf-16-le") in data


def check_archive(book: zipfile.ZipFile, lim: Limits) -> None:
    """Entries, declared sizes and compression ratio against the limits; raises TooLarge."""
    entries = book.infolist()
    if len(entries) > lim.max_zip_entries:
        raise TooLarge(f"文件过大或已损坏（压缩包内{len(entries)}个文件，上限{lim.max_zip_entries}个）")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > lim.max_unpacked_mb << 20:
        raise TooLarge(f"文件过大或已损坏（解压后{unpacked >> 20} MB，上限{lim.max_unpacked_mb} MB）")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1 << 20 and ratio > lim.max_zip_ratio:
            raise TooLarge(f"文件过大或已损坏（{entry.filename} 压缩比{ratio:.0f}倍，上限{lim.max_zip_ratio:g}倍）")


UNSAFE_XML = "文件含有不允许的 XML 声明（DOCTYPE/ENTITY），可能是恶意文件；请在 Excel 中另存为 .xlsx 后再导入"
UNSURE = "无法确认工作表“{sheet}”的实际范围（{detail}），为安全起见拒绝读取；请在 Excel 中另存为 .xlsx 后再导入"
_UNSAFE_XML = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SST_COUNT = re.compile(rb"\b(?:uniqueCount|count)\s*=\s*[\"']\s*([0-9]+)")


def zip_entry(book: zipfile.ZipFile, path: str) -> str | None:
    """The archive's name for a part, found as calamine finds it: case-insensitively, backslashes read as '/'.

    Two entries that both match are refused: which one the reader would take cannot be known here.
    """
    wanted = path.lower()
    found = [n for n in book.namelist() if n.replace("\\", "/").lower() == wanted]
    if len(found) > 1:
        raise TooLarge(f"文件已损坏（压缩包内有{len(found)}个“{path}”）")
    return found[0] if found else None


def _part(book: zipfile.ZipFile, path: str) -> bytes | None:
    """A small XML part's bytes; a DOCTYPE or entity declaration in it is refused (XML bombs, external entities)."""
    name = zip_entry(book, path)
    if name is None:
        return None
    data = book.read(name)
    if _UNSAFE_XML.search(data):
        raise TooLarge(UNSAFE_XML)
    return data


def _xml(book: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    data = _part(book, name)
    if data is None:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sheet_paths(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, entry inside the archive) of every sheet, in workbook order, resolved as calamine does.

    Relationship targets: "/xl/…" and "xl/…" as written, anything else under "xl/"; the entry is then looked up
    case-insensitively. A sheet whose part cannot be found, or a workbook that cannot be parsed, is refused: the
    reader might still find a sheet this check never saw.
    """
    workbook_data, rels_data = _part(book, "xl/workbook.xml"), _part(book, "xl/_rels/workbook.xml.rels")
    if workbook_data is None:
        return []
    try:
        workbook = ElementTree.fromstring(workbook_data)
        rels = ElementTree.fromstring(rels_data) if rels_data is not None else None
    except ElementTree.ParseError as exc:
        raise TooLarge(f"文件已损坏（工作簿结构无法解析：{exc}），为安全起见拒绝读取") from exc
    targets = {r.get("Id"): r.get("Target", "") for r in (rels if rels is not None else []) if _local(r.tag) == "Relationship"}
    found = []
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        name = sheet.get("name", "")
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid)
        if target is None:
            raise TooLarge(UNSURE.format(sheet=name, detail="找不到它的关系"), name)
        path = target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else "xl/" + target
        entry = zip_entry(book, path)
        if entry is None:
            raise TooLarge(UNSURE.format(sheet=name, detail=f"压缩包内没有 {target}"), name)
        found.append((name, entry))
    return found


def check_shared_strings(book: zipfile.ZipFile, lim: Limits) -> None:
    """The shared-strings table, by its unpacked size and declared count, before any reader holds it."""
    name = zip_entry(book, "xl/sharedStrings.xml")
    if name is None:
        return
    size = book.getinfo(name).file_size
    if size > lim.max_shared_strings_mb << 20:
        raise TooLarge(f"文件过大或已损坏（共享字符串表解压后{size >> 20} MB，上限{lim.max_shared_strings_mb} MB）")
    with book.open(name) as stream:
        head = stream.read(4096)
    if _UNSAFE_XML.search(head):
        raise TooLarge(UNSAFE_XML)
    declared = max((int(n) for n in _SST_COUNT.findall(head)), default=0)
    if declared > lim.max_cells:
        raise TooLarge(f"文件过大或已损坏（声明共享字符串{declared}个，上限{lim.max_cells}个）")


_BIFF_DIMENSIONS = re.compile(rb"\x00\x02\x0e\x00(.{4})(.{4})(.{2})(.{2})\x00\x00", re.DOTALL)


def xls_declared_cells(data: bytes) -> tuple[int, int]:
    """The largest (rows, columns) an .xls (BIFF8) sheet declares in its DIMENSIONS record, read from the raw file.

    Only records that make sense are counted (first ≤ last, at most 65,536 rows and 256 columns), so a number in a
    cell that happens to look like one does not count.
    """
    rows = columns = 0
    for hit in _BIFF_DIMENSIONS.finditer(data):
        first_row, last_row = (int.from_bytes(hit.group(i), "little") for i in (1, 2))
        first_col, last_col = (int.from_bytes(hit.group(i), "little") for i in (3, 4))
        if first_row <= last_row <= 65_536 and first_col <= last_col <= 256 and last_row * last_col > rows * columns:
            rows, columns = last_row, last_col
    return rows, columns


def check_xls(data: bytes, lim: Limits) -> None:
    rows, columns = xls_declared_cells(data)
    if rows * columns > lim.max_cells:
        raise TooLarge(f"文件过大或已损坏（声明范围{rows}行×{columns}列，上限{lim.max_cells}个单元格）")


def _is_percent_format(code: str) -> bool:
    unquoted = re.sub(r'"[^"]*"|\\.', "", code)
    return "%" in unquoted


def _is_date_format(code: str) -> bool:
    unquoted = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code).lower()
    return bool(re.search(r"[dmyhs]", unquoted))


def percent_styles(book: zipfile.ZipFile) -> set[bytes]:
    """Style indexes (the s attribute of a cell) whose number format shows a percentage (0%, 0.00%, custom)."""
    return _styles_where(book, {"9", "10"}, _is_percent_format)


def date_styles(book: zipfile.ZipFile) -> set[bytes]:
    """Style indexes whose number format shows a date or time (built-in 14–22 …, or a custom yyyy-mm-dd)."""
    return _styles_where(book, _DATE_FORMATS, _is_date_format)


def _styles_where(book: zipfile.ZipFile, builtin: set[str], custom_test) -> set[bytes]:
    styles = _xml(book, "xl/styles.xml")
    if styles is None:
        return set()
    custom = {el.get("numFmtId"): el.get("formatCode", "") for el in styles.iter() if _local(el.tag) == "numFmt"}
    cell_xfs = next((el for el in styles.iter() if _local(el.tag) == "cellXfs"), None)
    found = set()
    for index, xf in enumerate(x for x in (cell_xfs if cell_xfs is not None else []) if _local(x.tag) == "xf"):
        fmt = xf.get("numFmtId", "0")
        if fmt in builtin or (fmt in custom and custom_test(custom[fmt])):
            found.add(str(index).encode())
    return found


def _chunks(book: zipfile.ZipFile, path: str):
    """The entry's bytes, each chunk ending at a row (or at least a tag) boundary."""
    pending = b""
    with book.open(path) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            pending += chunk
            cut = next((pending.rfind(m) + len(m) for m in _SPLIT_AT if pending.rfind(m) >= 0), 0)
            if cut:
                yield pending[:cut]
                pending = pending[cut:]
            elif len(pending) > MAX_PENDING:
                raise TooLarge("文件已损坏（工作表内容无法按行读取）")
    if pending:
        yield pending


def _check_dimension(scan: SheetScan, head: bytes, lim: Limits) -> None:
    found = _DIMENSION.search(head)
    if not found:
        return
    last = found.group(1).split(b":")[-1]
    cell = re.fullmatch(rb"\$?([A-Za-z]{1,3})?\$?([0-9]+)?", last)
    if not cell:
        return
    rows = int(cell.group(2) or 0)
    columns = column_number(cell.group(1)) if cell.group(1) else 0
    ref = found.group(1).decode(errors="replace")
    if rows > lim.sheet_rows:
        raise TooLarge(f"文件过大或已损坏（声明范围 {ref}，{rows}行，上限{lim.max_rows}行）", scan.name)
    if columns > lim.max_columns:
        raise TooLarge(f"文件过大或已损坏（声明范围 {ref}，{columns}列，上限{lim.max_columns}列）", scan.name)


def _cells_at(chunk: bytes, opening_tag: re.Pattern) -> list[tuple[int, int]]:
    """Positions of the cells whose opening tag matches."""
    found = []
    for tag in opening_tag.finditer(chunk):
        ref = _CELL_REF.search(tag.group(0))
        if ref:
            found.append((int(ref.group(2)), column_number(ref.group(1))))
    return found


def _uncomputed(chunk: bytes) -> list[tuple[int, int]]:
    found = []
    for hit in _FORMULA.finditer(chunk):
        opening = list(_CELL_OPEN.finditer(chunk, max(0, hit.start() - 4096), hit.start()))
        closing = _CELL_CLOSE.search(chunk, hit.end())
        if not opening or not closing:
            continue
        cell = chunk[opening[-1].start():closing.end()]
        ref = _CELL_REF.search(cell, 0, cell.find(b">") + 1)
        # Excel writes a formula's cached value in <v>; an empty text result is <v></v> on a t="str" cell.
        empty_text = b't="str"' in cell[:cell.find(b">") + 1] and b"<v" in cell
        if ref and not _VALUE.search(cell) and not empty_text:
            found.append((int(ref.group(2)), column_number(ref.group(1))))
    return found


def _error_values(chunk: bytes) -> dict[tuple[int, int], str]:
    """Cells of type "e": the reader gives them as blanks, which would hide #DIV/0! and #N/A from the checks."""
    found = {}
    for hit in _ERROR_TYPE.finditer(chunk):
        start = chunk.rfind(b"<", 0, hit.start())
        end = chunk.find(b">", hit.end())
        ref = _CELL_REF.search(chunk, start, end + 1)
        value = _ERROR_VALUE.match(chunk, end + 1)
        if ref and value:
            found[(int(ref.group(2)), column_number(ref.group(1)))] = value.group(1).decode(errors="replace")
    return found


def _nonpositive(chunk: bytes, pattern: re.Pattern) -> dict[tuple[int, int], str]:
    found = {}
    for hit in pattern.finditer(chunk):
        ref = _CELL_REF.search(hit.group(1))
        if ref:
            found[(int(ref.group(2)), column_number(ref.group(1)))] = hit.group(2).decode()
    return found


def scan_sheet(book: zipfile.ZipFile, name: str, path: str, percent_ids: set[bytes], lim: Limits,
               date_ids: set[bytes] = frozenset()) -> SheetScan:
    """Streams one sheet's XML; raises TooLarge at the first row or column past the limits."""
    scan = SheetScan(name, path)
    # A date-formatted number ≤ 0 (Excel's serial 0 or −1), with the cell's attributes (its r) in group 1.
    nonpositive = (re.compile(rb"<" + _P + rb'c(\s[^>]*?\bs="(?:' + b"|".join(sorted(date_ids)) + rb')"[^>]*)>\s*<'
                              + _P + rb"v>\s*(-[0-9.eE+-]+|0(?:\.0*)?)\s*</") if date_ids else None)
    percent = (re.compile(rb"<" + _P + rb'c\s[^>]*?\bs="(?:' + b"|".join(sorted(percent_ids)) + rb')"[^>]*>')
               if percent_ids else None)
    row_tag, current = None, 0
    for chunk in _chunks(book, path):
        if row_tag is None:
            if _UNSAFE_XML.search(chunk[:65536]):
                raise TooLarge(UNSAFE_XML, name)
            _check_dimension(scan, chunk[:65536], lim)
            prefix = _SHEET_DATA.search(chunk)
            row_tag = re.compile(b"<" + re.escape((prefix and prefix.group(1)) or b"") + rb"row\b([^>]*)>")
        rows = row_tag.findall(chunk)
        numbers = [int(n) for n in _R_ATTR.findall(b"\0".join(rows))]
        if len(numbers) == len(rows):  # every row says its number, as Excel writes them
            current = numbers[-1] if numbers else current
            scan.last_row = max(scan.last_row, *numbers) if numbers else scan.last_row
        else:  # a row without r follows the one before
            for attributes in rows:
                number = _R_ATTR.search(attributes)
                current = int(number.group(1)) if number else current + 1
                scan.last_row = max(scan.last_row, current)
        if scan.last_row > lim.sheet_rows:
            raise TooLarge(too_large(scan.last_row, lim.max_rows), name, scan.last_row)
        wide = set().union(*(pattern.findall(chunk) for space, pattern in _WIDE_CELLS.items()
                             if space + b"r=" in chunk))
        widest = max((column_number(w) for w in wide), default=0)
        scan.last_column = max(scan.last_column, widest, 1 if scan.last_row else 0)
        if scan.last_column > lim.max_columns:
            raise TooLarge(too_large(scan.last_column, lim.max_columns, "列"), name)
        if scan.last_row * scan.last_column > lim.max_cells:
            raise TooLarge(f"文件过大或已损坏（{scan.last_row}行×{scan.last_column}列，"
                           f"上限{lim.max_cells}个单元格）", name)
        if b"<f" in chunk or b":f" in chunk:
            scan.uncomputed.update(_uncomputed(chunk))
        if percent is not None:
            scan.percent.update(_cells_at(chunk, percent))
        if b' t="e"' in chunk:
            scan.errors.update(_error_values(chunk))
        if nonpositive is not None and len(scan.nonpositive) < MAX_NONPOSITIVE and (b"v>-" in chunk
                                                                                      or b"v>0" in chunk):
            scan.nonpositive.update(_nonpositive(chunk, nonpositive))
    return scan


def inspect_xlsx(data: bytes) -> dict[str, SheetScan]:
    """Every worksheet's scan by sheet name; raises TooLarge, or zipfile.BadZipFile for a damaged archive."""
    lim = limits()
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        check_archive(book, lim)
        check_shared_strings(book, lim)
        percent_ids, date_ids = percent_styles(book), date_styles(book)
        try:
            return {name: scan_sheet(book, name, path, percent_ids, lim, date_ids) for name, path in sheet_paths(book)}
        except (zlib.error, EOFError) as exc:
            raise zipfile.BadZipFile(str(exc)) from exc
