"""cockpit/labels.py: one header and one number format per column, used by every table on screen and in Excel;
blanks shown as —; 县级主体 always the full name; export names carrying the filters; 项目查询's new filters."""
from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import choose_tab
from cockpit import REPO_DIR, exports, labels, schema, units
from cockpit.charts import project_link
from cockpit.navigation import PAGES
from cockpit.views import project_explorer as explorer
from tests import oracles


def test_headers_of_source_columns_are_the_template_headers():
    assert labels.header("project_name") == schema.PROJECTS.column("project_name").header == "项目名称"
    assert labels.header("parcel_id") == schema.LAND.column("parcel_id").header == "电子监管号"
    assert labels.header("unit_name") == schema.PROJECTS.column("unit_id").header == "县级主体"
    assert labels.header("planned_on") == "计划完成日期"
    assert len({label.header for label in labels.LABELS.values()}) == len(labels.LABELS)  # no header twice


def test_table_selects_in_order_and_names_in_chinese():
    frame = pl.DataFrame({"project_code": ["C1"], "unit_name": ["海宁市"], "total_investment": [12345.0]})
    table = labels.table(frame, "unit_name", (pl.col("total_investment") / 10000).round(2)
                         .alias("total_investment_yi"), pl.col("unit_name").alias(labels.with_unit("签约", "个")))
    assert table.columns == ["县级主体", "总投资（亿元）", "签约（个）"]
    assert table.row(0) == ("海宁市", 1.23, "海宁市")
    with pytest.raises(KeyError, match="no Chinese header"):
        labels.table(frame, "project_code", "total_investment")


@pytest.mark.parametrize("header, printf, excel", [
    ("总投资（亿元）", "%.2f", "#,##0.00"),
    ("完成率（%）", "%.1f%%", '#,##0.0"%"'),
    ("工业投资（权重20，%）", "%.1f%%", '#,##0.0"%"'),   # composed: the unit after the last comma
    ("签约（个）", "%d", "#,##0"),
    ("签约→注册（月）", "%.1f", "#,##0.0"),
    ("最长逾期（天）", "%d", "#,##0"),
    ("综合得分", "%.1f", "#,##0.0"),                    # no unit: its own entry
    ("完成值", "localized", "General"),                # amounts of several units: 73 reads 73, not 73.00
    ("项目名称", None, None),
])
def test_number_formats(header, printf, excel):
    assert labels.number_format(header) == printf
    assert labels.excel_format(header) == excel


def test_excel_cells_are_numbers_in_the_registry_format_and_blanks_stay_blank():
    frame = pl.DataFrame({"县级主体": ["海宁市", "嘉兴港区"], "综合得分": [87.25, None], "完成率（%）": [58.333, 100.0],
                          "最长逾期（天）": [31, None], "签约日期": [dt.date(2020, 3, 1), None]})
    sheet = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, "排名"))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [c.value for c in rows[0]] == ["海宁市", 87.25, 58.333, 31, dt.datetime(2020, 3, 1)]
    assert [c.number_format for c in rows[0][1:4]] == ["#,##0.0", '#,##0.0"%"', "#,##0"]
    assert [c.value for c in rows[1]] == ["嘉兴港区", None, 100.0, None, None]


def test_file_names_carry_the_filters():
    assert exports.file_name("分级预警清单", "海宁市", "红", "2020-12") == "分级预警清单_海宁市_红_2020-12"
    assert exports.file_name("分级预警清单", "全市", "", "2020-12") == "分级预警清单_全市_2020-12"
    assert exports.file_name("项目查询", "全市", "a/b: c?", 2020) == "项目查询_全市_a-b-c_2020"


def test_project_links_carry_the_code_and_show_the_name():
    assert project_link("2020-330402-07-02-000001", "5G+园区&A/B") == (
        "project_explorer?name=5G%2B%E5%9B%AD%E5%8C%BA%26A%2FB&project=2020-330402-07-02-000001")
    assert project_link("—", "—") is None and project_link(None, None) is None


def test_explorer_snail_and_idle_filters():
    projects = pl.DataFrame({"project_code": ["A", "B", "C", "D"], "is_snail": [True, False, None, True]})
    parcels = pl.DataFrame({"project_code": ["A", "A", "B", None], "category": ["供而未用", "用而未尽", "批而未供", "供而未用"]})
    rows = oracles.with_idle_land(projects, parcels)
    assert rows["idle_categories"].to_list() == [["供而未用", "用而未尽"], ["批而未供"], [], []]

    def codes(**choices):
        return oracles.filter_projects(rows, **choices)["project_code"].to_list()

    assert codes(snails=["蜗牛项目"]) == ["A", "D"]
    assert codes(snails=["非蜗牛项目"]) == ["B", "C"]  # a missing flag is not 蜗牛
    assert codes(snails=["蜗牛项目", "非蜗牛项目"]) == codes() == ["A", "B", "C", "D"]
    assert codes(idle=["用而未尽"]) == ["A"]
    assert codes(idle=["批而未供", "用而未尽"]) == ["A", "B"]
    assert codes(idle=[explorer.NOT_IDLE]) == ["C", "D"]
    assert codes(idle=["供而未用"], snails=["蜗牛项目"]) == ["A"]


@pytest.mark.parametrize("path", [p for _g, p, _t, _i in PAGES])
def test_every_table_shows_blanks_as_a_dash_and_units_by_full_name(sample_data, path):
    at = AppTest.from_file(str(REPO_DIR / path), default_timeout=120)
    at.session_state["filter_month"] = "2020-12"
    at.run()
    assert not at.exception
    full_names = {u.name for u in units.UNITS} | {units.CITY_NAME, "合计"}
    for table in at.dataframe:
        assert table.proto.placeholder == "—", (path, list(table.value.columns))
        if "县级主体" in table.value.columns and path != "pages/data_admin.py":
            assert set(table.value["县级主体"].dropna()) <= full_names, (path, set(table.value["县级主体"]))
        config = json.loads(table.proto.columns or "{}")
        for column in table.value.columns:  # every number the registry formats carries its format on screen
            fmt = labels.number_format(column)
            if fmt and table.value[column].dtype.kind in "if":
                assert config[column]["type_config"]["format"] == fmt, (path, column)


def test_numeric_blanks_stay_numeric(sample_data):
    at = AppTest.from_file(str(REPO_DIR / "pages" / "snail_warnings.py"), default_timeout=120)
    at.run()
    choose_tab(at, "snail_tab", "分级预警")
    warned = next(t.value for t in at.dataframe if t.value.columns[0] == "预警等级")
    days = warned["最长逾期（天）"]
    assert days.dtype.kind in "if" and days.isna().any() and days.notna().any()  # sorts as numbers, blank → —
