"""Builders of real source files for import tests: .xlsx via openpyxl, .csv in a chosen encoding."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

PROJECT_HEADERS = ["项目代码", "项目名称", "县级主体", "项目类别", "总投资（万元）", "签约日期"]


def xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with the given sheets; the first row of each is its header."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def project_row(serial: int, **overrides) -> list:
    values = {"项目代码": f"2020-330402-07-02-{serial:06d}", "项目名称": f"项目{serial}", "县级主体": "南湖区",
              "项目类别": "制造业", "总投资（万元）": "20000", "签约日期": "2020-01-10"}
    values.update(overrides)
    return [values[h] for h in PROJECT_HEADERS]
