"""Item 8: Excel 97–2003 .xls (what many government systems export) and WPS .et import like .xlsx."""
from __future__ import annotations

import datetime as dt

import pytest
import xlwt

from cockpit import store
from tests.hostile.helpers import PROJECT_HEADERS, rejected, row, run


def xls(path, rows):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("项目库")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


@pytest.mark.parametrize("name", ["项目库.xls", "项目库.et"])
def test_xls_imports_with_real_numbers_and_dates(seeded, tmp_path, capsys, name):
    path = xls(tmp_path / name, [["嘉兴市项目库（2020年3月）"], PROJECT_HEADERS,
                                 row(2, **{"总投资（万元）": 12345.6, "签约日期": dt.date(2020, 2, 3)}),
                                 row(3, 县级主体="330481")])
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert "已导入 2020-03" in outcome.out and "项目库 2 行" in outcome.out
    assert store.connection().cursor().sql(
        "select project_code, unit_id, total_investment, signed_on from projects order by 1").fetchall() == [
        ("2020-330402-07-02-000002", "nanhu", 12345.6, dt.date(2020, 2, 3)),
        ("2020-330402-07-02-000003", "haining", 20000.0, dt.date(2020, 1, 10))]


def test_xls_errors_name_row_and_column(seeded, tmp_path, capsys):
    path = xls(tmp_path / "项目库.xls", [PROJECT_HEADERS, row(2), row(3, 项目类别="农业")])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [
        "「项目库.xls」工作表“项目库” 第3行 列“项目类别”：项目类别应为“制造业”或“生产性服务业”（“农业”）"]


def test_a_text_file_named_xls_is_refused(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.xls"
    path.write_text("<html><table><tr><td>项目代码</td></tr></table></html>")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.xls」：无法读取为 Excel 文件（文件已损坏，或不是 Excel 工作簿）"]
