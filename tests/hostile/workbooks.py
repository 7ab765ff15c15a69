"""Hostile source files of issue 16, built from scratch: each one took the server down or cost far too much."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

from tests.hostile.helpers import PROJECT_HEADERS, rewrite_entry, row

BILLION_LAUGHS = (b'<!DOCTYPE workbook [<!ENTITY lol "lol">'
                  + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'.encode() for i in range(2, 10))
                  .replace(b"&lol1;", b"&lol;") + b"]>")


def far_corner(path: Path) -> Path:
    """A header, one project, and one cell at XFD1048576: a reader that fills the range asks for 512 GB."""
    book = Workbook()
    sheet = book.active
    sheet.title = "项目库"
    sheet.append(PROJECT_HEADERS)
    sheet.append(row(2))
    sheet.cell(1_048_576, 16_384, "x")
    book.save(path)
    return path


def _declared(doctype: bytes, entity: bytes):
    def change(xml: bytes) -> bytes:
        declaration = re.match(rb"<\?xml[^>]*\?>", xml)
        at = declaration.end() if declaration else 0
        xml = xml[:at] + doctype + xml[at:]
        return re.sub(rb"(<workbook\b[^>]*>)", lambda m: m.group(1) + b'<fileVersion appName="' + entity + b'"/>',
                      xml, count=1)
    return change


def doctype_entity(path: Path) -> Path:
    """workbook.xml declares an entity in a DOCTYPE and uses it (appName="&x;")."""
    far_corner(path)
    return rewrite_entry(path, "xl/workbook.xml",
                         _declared(b'<!DOCTYPE workbook [<!ENTITY x "Microsoft Excel">]>', b"&x;"))


def external_entity(path: Path) -> Path:
    """workbook.xml declares an external entity (a file of the server) and uses it."""
    far_corner(path)
    return rewrite_entry(path, "xl/workbook.xml",
                         _declared(b'<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/hostname">]>', b"&x;"))


def billion_laughs(path: Path) -> Path:
    """workbook.xml expands to a billion "lol"s in an XML parser that follows entities."""
    far_corner(path)
    return rewrite_entry(path, "xl/workbook.xml", _declared(BILLION_LAUGHS, b"&lol9;"))


def target_case(path: Path) -> Path:
    """The sheet's relationship names Worksheets/Sheet1.xml; the archive holds xl/worksheets/sheet1.xml."""
    far_corner(path)
    return rewrite_entry(path, "xl/_rels/workbook.xml.rels",
                         lambda xml: xml.replace(b'Target="/xl/worksheets/sheet1.xml"',
                                                 b'Target="Worksheets/Sheet1.xml"'))


CRASHING = {"DOCTYPE实体": doctype_entity, "DOCTYPE外部实体": external_entity, "十亿笑": billion_laughs, "关系大小写": target_case}


def shared_strings(path: Path, strings: int = 2_000_000, length: int = 200) -> Path:
    """A small sheet with a shared-strings table of `strings` strings that no cell uses, each a different number
    and `length` letters: packed about 100 times, under the archive's ratio limit."""
    book = Workbook()
    sheet = book.active
    sheet.title = "项目库"
    sheet.append(PROJECT_HEADERS)
    sheet.append(row(2))
    book.save(path)
    letters = b"a" * length
    head = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}" ' \
           f'uniqueCount="{strings}">'.encode()
    table = head + b"".join(b"<si><t>%d%s</t></si>" % (i * 7919 % 1000003, letters) for i in range(strings))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", table + b"</sst>")
    return path


def every_cell_wrong_csv(path: Path, rows: int) -> Path:
    """A 项目库 csv where every cell of every row is wrong."""
    lines = [",".join(PROJECT_HEADERS)] + [f"x{i},,火星,农业,abc,明天" for i in range(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def projects_csv(path: Path, rows: list[list], newline: str = "\n") -> Path:
    path.write_bytes(newline.join(",".join(map(str, r)) for r in [PROJECT_HEADERS, *rows]).encode("utf-8"))
    return path


def projects_xlsx(path: Path, rows: list[list], date_format: str | None = None) -> Path:
    """A 项目库 workbook; numbers in the 签约日期 column are written as Excel serials formatted as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = "项目库"
    sheet.append(PROJECT_HEADERS)
    for values in rows:
        sheet.append(values)
    if date_format:
        for cells in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
            cells[0].number_format = date_format
    book.save(path)
    return path


def land_csv(path: Path, area: str) -> Path:
    headers = ["电子监管号", "县级主体", "土地用途", "面积（亩）", "批准日期"]
    path.write_text("\n".join([",".join(headers), f"3304022020B00001,南湖区,工业,{area},2020-01-05"]),
                    encoding="utf-8")
    return path
