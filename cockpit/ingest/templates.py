"""The import templates as .xlsx: headers exactly as the schema names them, and a 说明 sheet."""
from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import xlsxwriter

from cockpit import metrics, schema, units
from cockpit.ingest.validate import ACTUAL_DATES

_CNY, _USD = "亿元、万元、元", "亿美元、万美元、美元"
_UNITS = "、".join(u.name for u in units.UNITS)
_KIND_LABELS = {"CNY": _CNY, "USD": _USD, "count": "个", "area": "亩", "pct": "%"}
# (类型, 单位, 可选值与格式) of each kind of column, as the 说明 sheet explains it.
KIND_NOTES: dict[str, tuple[str, str, str]] = {
    "code": ("文本", "", "YYYY-AAAAAA-NN-NN-NNNNNN，如 2020-330402-07-02-000123"),
    "text": ("文本", "", ""),
    "unit": ("县级主体", "", _UNITS + "（可写简称、带“嘉兴市”前缀或行政区划代码）"),
    "unit_or_city": ("县级主体", "", "全市、" + _UNITS + "（可写简称、带“嘉兴市”前缀或行政区划代码）"),
    "category": ("选项", "", "、".join(schema.CATEGORIES)),
    "node": ("选项", "", "、".join(schema.NODE_NAMES)),
    "money_cny": ("数字", "万元", "可带千分位逗号，如 12,345.6；不得为负"),
    "money_usd": ("数字", "万美元", "可带千分位逗号；不得为负"),
    "area": ("数字", "亩", "不得为负"),
    "number": ("数字", "见“计量单位”列", "可带千分位逗号；导入时按计量单位折算为万元、万美元"),
    "date": ("日期", "", "Excel 日期，或 2020-03-05、2020/3/5、2020.3.5、2020年3月5日"),
    "bool": ("是/否", "", "是、否（也可 Y/N、1/0、TRUE/FALSE、√）；空白表示未填"),
    "lon": ("数字", "度（WGS84）", "嘉兴市范围：东经 120.2～121.4"),
    "lat": ("数字", "度（WGS84）", "嘉兴市范围：北纬 30.2～31.2"),
    "month": ("月份", "", "2020-03、2020年3月、202003 或 Excel 日期；须与导入月份一致"),
    "year": ("年份", "", "四位年份，如 2020；一个文件可含多个年度"),
    "indicator": ("选项", "", "；".join(f"{n}（{_KIND_LABELS[c]}）" for n, c in metrics.MONTHLY_INDICATORS.items())),
    "target": ("选项", "", "；".join(f"{m.name}（{_KIND_LABELS[schema.MEASURE_UNITS[m.unit][0]]}）"
                                  for m in metrics.METRICS)),
    "measure": ("选项", "", "与指标相符：人民币 " + _CNY + "；美元 " + _USD + "；个数 个；面积 亩；比率与增长 %"),
    **{kind: ("选项", "", "、".join(values)) for kind, values in schema.CHOICES.items()},  # issue 18
}


# Text columns whose values come from a list (checked by the table's own checks, e.g. crosscheck_problems).
CHOICE_NOTES: dict[tuple[str, str], str] = {
    ("problems", "problem_type"): "、".join(schema.PROBLEM_TYPES),
    ("problems", "project_code"): "YYYY-AAAAAA-NN-NN-NNNNNN；须为当月项目库中的项目（同一文件或已导入的当月项目库）",
    ("problems", "due_on"): "日期，不得早于提出日期",
    ("problems", "closed_on"): "日期，不得早于提出日期、不得晚于快照月末；未办结留空",
}


def column_notes(table: schema.Table, column: schema.Column) -> list[str]:
    """表, 列名, 必填, 类型, 单位, 可选值与格式 of one column."""
    kind, unit, allowed = KIND_NOTES[column.kind]
    allowed = CHOICE_NOTES.get((table.name, column.name), allowed)
    if column.name in ACTUAL_DATES.get(table.name, ()):
        allowed += "；实际日期，不得晚于快照月末"
    if column.name in table.key:
        others = "、".join(table.column(k).header for k in table.key if k != column.name)
        unique = f"与{others}的组合在同一表中不得重复" if others else "同一表中不得重复"
        allowed = f"{allowed}；{unique}" if allowed else unique
    return [table.title, column.header, "是" if column.required else "", kind, unit, allowed]


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
    notes.write_row(0, 0, ["表", "列名", "必填", "类型", "单位", "可选值与格式"], head)
    line = 1
    for name in names:
        for column in schema.TABLES[name].columns:
            notes.write_row(line, 0, column_notes(schema.TABLES[name], column))
            line += 1
    notes.write(line + 1, 0, "表头带 * 的列为必填；列的顺序不限，模板以外的列导入时忽略并提示。")
    notes.set_column(0, 1, 22)
    notes.set_column(3, 4, 12)
    notes.set_column(5, 5, 110)
    notes.freeze_panes(1, 0)
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
