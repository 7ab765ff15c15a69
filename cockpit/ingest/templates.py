"""The five import templates as .xlsx: headers exactly as the schema names them, and a 说明 sheet."""
from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import xlsxwriter

from cockpit import metrics, schema

KIND_NOTES = {
    "code": "项目代码，格式 YYYY-AAAAAA-NN-NN-NNNNNN", "text": "文本",
    "unit": "县级主体：南湖区、秀洲区、嘉善县、海盐县、海宁市、平湖市、桐乡市、经开区、港区（可带或不带“嘉兴市”）",
    "unit_or_city": "县级主体或“全市”", "category": "制造业 / 生产性服务业",
    "node": "、".join(schema.NODE_NAMES), "money_cny": "万元，可带千分位", "money_usd": "万美元，可带千分位",
    "area": "亩", "number": "数值，单位见“计量单位”列", "date": "日期：2020-03-05、2020/3/5、2020年3月5日 或 Excel 日期",
    "bool": "是 / 否（也可 Y/N、1/0）", "lon": "经度（WGS84，嘉兴市范围内）", "lat": "纬度（WGS84，嘉兴市范围内）",
    "month": "统计月份：2020-03 或 2020年3月", "year": "年度，如 2020",
    "indicator": "、".join(metrics.MONTHLY_INDICATORS), "target": "见 cockpit/metrics.py 的指标名称",
    "measure": "亿元、万元、亿美元、万美元、个、亩、%",
}


def _header(column: schema.Column) -> str:
    return column.header + ("*" if column.required else "")


def workbook_bytes(table_names: list[str] | None = None, frames: dict[str, pl.DataFrame] | None = None) -> bytes:
    """An .xlsx with one sheet per table (named by its title) and a 说明 sheet; `frames` fill data rows.

    A frame's columns are the Chinese headers (without *); values are written as given (text, numbers, dates).
    """
    names = table_names or list(frames or schema.TABLES)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for name in names:
        table = schema.TABLES[name]
        sheet = book.add_worksheet(table.title)
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, _header(column), required if column.required else head)
            sheet.set_column(col, col, max(10, len(column.header) * 2 + 2))
        frame = (frames or {}).get(name)
        if frame is not None:
            positions = {c.header: i for i, c in enumerate(table.columns)}
            for r, row in enumerate(frame.iter_rows(named=True), start=1):
                for header, value in row.items():
                    if value is None or header not in positions:
                        continue
                    if hasattr(value, "year") and not isinstance(value, str):
                        sheet.write_datetime(r, positions[header], value, date)
                    else:
                        sheet.write(r, positions[header], value)
        sheet.freeze_panes(1, 0)
    notes = book.add_worksheet("说明")
    notes.write_row(0, 0, ["表", "列", "必填", "填写说明"], head)
    line = 1
    for name in names:
        for column in schema.TABLES[name].columns:
            notes.write_row(line, 0, [schema.TABLES[name].title, column.header, "是" if column.required else "",
                                      KIND_NOTES[column.kind]])
            line += 1
    notes.set_column(0, 1, 20)
    notes.set_column(3, 3, 90)
    book.close()
    return buffer.getvalue()


def write_all(out_dir: Path) -> list[Path]:
    """The five blank templates, one .xlsx per table."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in schema.TABLES.values():
        path = out_dir / f"{table.title}模板.xlsx"
        path.write_bytes(workbook_bytes([table.name]))
        paths.append(path)
    return paths
