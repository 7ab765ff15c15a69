"""Item 10: a workbook written by a script and never opened in Excel has formulas without values; say so."""
from __future__ import annotations

from openpyxl import Workbook

from cockpit import store
from tests.hostile.helpers import PROJECT_HEADERS, rejected, rewrite_entry, row, run


def workbook(path, rows):
    book = Workbook()
    book.active.title = "项目库"
    for values in rows:
        book.active.append(values)
    book.save(path)
    return path


def test_formulas_without_values_are_one_error_each(seeded, tmp_path, capsys):
    path = workbook(tmp_path / "项目库.xlsx", [
        PROJECT_HEADERS, row(2), row(3, **{"总投资（万元）": "=E2*2"}), row(4, 项目名称='=CONCAT("项目", 4)')])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [  # not also 必填项为空 on the same cells
        "「项目库.xlsx」工作表“项目库” 第3行 列“总投资（万元）”：公式未计算，请在 Excel 中打开并保存后再导入",
        "「项目库.xlsx」工作表“项目库” 第4行 列“项目名称”：公式未计算，请在 Excel 中打开并保存后再导入",
    ]


def test_formulas_with_cached_values_are_read_as_values(seeded, tmp_path, capsys):
    """What Excel saves: the formula and its last result; the result is imported."""
    path = workbook(tmp_path / "项目库.xlsx", [PROJECT_HEADERS, row(2, **{"总投资（万元）": "=1+1"})])
    rewrite_entry(path, "xl/worksheets/sheet1.xml",
                  lambda xml: xml.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>30000</v>"))
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert store.connection().cursor().sql("select total_investment from projects").fetchall() == [(30000.0,)]
