"""Item 6: parsing that hid typos is strict now, and 年度 outside the configured range never becomes a folder."""
from __future__ import annotations

import csv
import io

import pytest

from tests.hostile.helpers import PROJECT_HEADERS, rejected, row, run


def csv_path(tmp_path, name, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("column, value, reason", [
    ("签约日期", "2020-01-10 待定", "不是有效日期（可写作 2020-03-05、2020/3/5、2020.3.5、2020年3月5日）"),
    ("签约日期", "2020/1/10abc", "不是有效日期（可写作 2020-03-05、2020/3/5、2020.3.5、2020年3月5日）"),
    ("总投资（万元）", "1,2,3", "不是有效数字"),
    ("总投资（万元）", "12,34", "不是有效数字"),
    ("总投资（万元）", "1,2345", "不是有效数字"),
    ("总投资（万元）", "1 234", "不是有效数字"),
])
def test_typos_are_errors_with_the_cell_shown(seeded, tmp_path, capsys, column, value, reason):
    path = csv_path(tmp_path, "项目库.csv", [PROJECT_HEADERS, row(2, **{column: value})])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [f"「项目库.csv」 第2行 列“{column}”：{reason}（“{value}”）"]


def test_well_formed_values_still_pass(seeded, tmp_path, capsys):
    path = csv_path(tmp_path, "项目库.csv", [
        PROJECT_HEADERS, row(2, **{"总投资（万元）": "1,234,567.5", "签约日期": "2020-01-10 09:30"}),
        row(3, **{"总投资（万元）": "2.5e4", "签约日期": "2020年1月10日"})])
    assert run(seeded, capsys, path).code == 0


TARGET_HEADERS = ["年度", "县级主体", "指标名称", "目标值", "计量单位"]


@pytest.mark.parametrize("year", ["-1", "0", "12345", "1999", "2101", "2020.5"])
def test_years_outside_the_range_are_errors_and_make_no_folder(seeded, tmp_path, capsys, year):
    path = csv_path(tmp_path, "年度目标.csv", [TARGET_HEADERS, ["2020", "全市", "工业投资", "900", "亿元"],
                                                [year, "全市", "工业投资", "900", "亿元"]])
    outcome = rejected(seeded, capsys, path)
    reason = "年度应为四位数年份" if year == "2020.5" else "年度应在2000～2100之间"
    assert outcome.errors == [f"「年度目标.csv」 第3行 列“年度”：{reason}（“{year}”）"]
    assert sorted(p.name for p in (seeded / "snapshots").iterdir()) == ["2020-03"]
