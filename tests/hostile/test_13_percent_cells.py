"""Issue 13 §5: a 年度目标 cell of 0.15 formatted as a percentage (Excel shows 15%) is 15 %, not 0.15 %."""
from __future__ import annotations

from openpyxl import Workbook

from cockpit import store
from tests.hostile.helpers import run


def test_percent_formatted_cells_are_read_as_percents(seeded, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.title = "年度目标"
    sheet.append(["年度", "县级主体", "指标名称", "目标值", "计量单位"])
    sheet.append([2020, "全市", "签约项目注册率", 0.8, "%"])
    sheet.append([2020, "全市", "工业投资增长", 0.155, "%"])
    sheet.append([2020, "全市", "工业投资", 900, "亿元"])
    sheet.append([2020, "南湖区", "工业投资增长", 15, "%"])  # typed as 15 in a General cell: already a percent
    sheet["D2"].number_format = "0%"
    sheet["D3"].number_format = "0.0%"
    path = tmp_path / "年度目标.xlsx"
    book.save(path)
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert store.connection().cursor().sql(
        "select unit_id, target, target_value, measure_unit from targets order by unit_id, target").fetchall() == [
        ("city", "工业投资", 9000000.0, "万元"), ("city", "工业投资增长", 15.5, "%"),
        ("city", "签约项目注册率", 80.0, "%"), ("nanhu", "工业投资增长", 15.0, "%")]
