"""Good files import with exact row counts and converted values: .xlsx with real date cells, GBK .csv."""
from __future__ import annotations

import datetime as dt

import pytest

from cockpit import store
from cockpit.ingest.importer import SourceInput, import_sources
from cockpit.ingest.templates import workbook_bytes
from tests.ingest.files import csv_file, xlsx


def query(sql: str) -> list[tuple]:
    return store.connection().cursor().sql(sql).fetchall()


@pytest.fixture
def monthly_workbook(tmp_path):
    return xlsx(tmp_path / "月报.xlsx", {
        "项目库": [
            ["项目代码*", "项目名称*", "县级主体*", "项目类别*", "总投资（万元）*", "外资金额(万美元)", "世界500强",
             "签约日期*", "实际开工日期", "用地面积（亩）", "经度", "纬度", "联系人"],
            ["2020-330402-07-02-000001", "年产10万台电机项目", "南湖", "制造业", "12,345.6", "1500", "是",
             dt.datetime(2020, 1, 5), "2020/3/5", "80", 120.75, 30.76, "张三"],
            ["2020-330481-07-02-000002", " 仓储物流中心 ", "嘉兴市海宁市", "生产性服务业", 250000, None, "N",
             "2020年2月1日", None, None, None, None, None],
            ["2020-330482-07-02-000003", "港区化工新材料项目", "港区", "制造业", "1,000,000", None, "0",
             "2020.3.1", None, None, None, None, None],
            [None] * 13,  # a blank row in the middle of real exports is skipped
            ["2020-330402-07-02-000004", "经开区智能装备项目", "330402", "制造业", 50000, None, None,
             "2020-03-31", "2020-03-31", None, None, None, None],
        ],
        "月度指标": [
            ["统计月份", "县级主体", "指标名称", "本年累计", "上年同期累计", "计量单位"],
            ["2020年3月", "全市", "工业投资", "150.5", "140", "亿元"],
            ["202003", "经开区", "实际利用外资(商务部口径)", "2,500", None, "万美元"],
        ],
        "说明": [["这是说明页"], ["不应被当作数据表"]],
    })


def test_xlsx_imports_with_converted_values(data_root, monthly_workbook):
    result = import_sources([SourceInput.from_path(monthly_workbook)], "2020-03")
    assert result.errors == []
    assert result.row_counts == {"projects": 4, "indicators": 2}
    assert [p.column for p in result.warnings] == ["联系人"]
    assert query("select project_code, project_name, unit_id, total_investment, foreign_investment, "
                 "is_fortune500, signed_on, started_on, land_area from projects order by project_code") == [
        ("2020-330402-07-02-000001", "年产10万台电机项目", "nanhu", 12345.6, 1500.0, True,
         dt.date(2020, 1, 5), dt.date(2020, 3, 5), 80.0),
        ("2020-330402-07-02-000004", "经开区智能装备项目", "nanhu", 50000.0, None, None,
         dt.date(2020, 3, 31), dt.date(2020, 3, 31), None),
        ("2020-330481-07-02-000002", "仓储物流中心", "haining", 250000.0, None, False,
         dt.date(2020, 2, 1), None, None),
        ("2020-330482-07-02-000003", "港区化工新材料项目", "gangqu", 1000000.0, None, False,
         dt.date(2020, 3, 1), None, None),
    ]
    # 150.5亿元 -> 1,505,000万元; 2,500万美元 stays 2,500万美元.
    assert query("select unit_id, indicator, value_ytd, value_prior_ytd, measure_unit from indicators "
                 "order by unit_id") == [
        ("city", "工业投资", 1505000.0, 1400000.0, "万元"),
        ("jingkai", "实际利用外资（商务部口径）", 2500.0, None, "万美元"),
    ]


def test_gbk_csv_imports_targets_per_year(data_root, tmp_path):
    path = csv_file(tmp_path / "年度目标.csv", [
        ["年度", "县级主体", "指标名称", "目标值", "计量单位"],
        ["2020", "全市", "工业投资", "900", "亿元"],
        ["2020", "全市", "实际利用外资", "50", "亿美元"],
        ["2020", "南湖区", "50亿元~100亿元项目", "1", "个"],
        ["2019", "全市", "新供产业用地", "15,000", "亩"],
        ["2020", "全市", "签约项目注册率", "80", "％"],
    ], encoding="gbk")
    result = import_sources([SourceInput.from_path(path)], "2020-01")
    assert result.errors == [] and result.row_counts == {"targets": 5}
    assert query("select year, unit_id, target, target_value, measure_unit from targets order by year, target") == [
        (2019, "city", "新供产业用地", 15000.0, "亩"),
        (2020, "nanhu", "50亿元～100亿元项目", 1.0, "个"),
        (2020, "city", "实际利用外资", 500000.0, "万美元"),
        (2020, "city", "工业投资", 9000000.0, "万元"),
        (2020, "city", "签约项目注册率", 80.0, "%"),
    ]
    assert sorted(store.current_files()["period"].to_list()) == ["2019", "2020"]


def test_utf8_bom_csv_is_read(data_root, tmp_path):
    path = csv_file(tmp_path / "节点.csv", [["项目代码", "节点名称", "计划完成日期", "实际完成日期"],
                                           ["2020-330402-07-02-000001", "立项", "2020-02-01", "2020/2/3"]],
                    encoding="utf-8-sig")
    result = import_sources([SourceInput.from_path(path)], "2020-03")
    assert result.errors == []
    # No 项目库 for the month at all: one notice instead of one warning per node.
    assert [(p.row, p.reason) for p in result.warnings] == [
        (None, "2020-03 尚无项目库快照，本次也未导入项目库，无法核对推进节点的项目代码")]
    assert query("select node, planned_on, done_on from nodes") == [("立项", dt.date(2020, 2, 1), dt.date(2020, 2, 3))]


def test_template_round_trip_and_catalog_records_sources(data_root, tmp_path):
    import polars as pl

    frame = pl.DataFrame({"电子监管号": ["3304022020B00001"], "县级主体": ["秀洲"], "土地用途": ["工业用地"],
                          "面积（亩）": [120.5], "批准日期": [dt.date(2019, 5, 6)], "供地日期": ["2019-08-01"]})
    data = workbook_bytes(["land"], frames={"land": frame})
    result = import_sources([SourceInput("土地.xlsx", data)], "2020-03", imported_by="tester")
    assert result.errors == [] and result.generation == 1
    assert query("select parcel_id, unit_id, area, five_idle from land") == [
        ("3304022020B00001", "xiuzhou", 120.5, "供而未用")]
    history = store.history()
    assert history["row_count"].to_list() == [1] and history["imported_by"].to_list() == ["tester"]
    assert "土地.xlsx" in history["source_files"][0] and SourceInput("x", data).sha256 in history["source_files"][0]


def test_blank_sheets_of_the_full_template_leave_their_tables_alone(data_root):
    """A unit fills only 项目库 in the five-table workbook: the other four tables of the month stay as they were."""
    import polars as pl

    from tests.helpers import write

    write(data_root, "2020-03", land=[{"parcel_id": "P1", "unit_id": "nanhu", "land_use": "工业用地", "area": 10.0,
                                       "approved_on": "2019-01-01"}])
    frame = pl.DataFrame({"项目代码": ["2020-330402-07-02-000001"], "项目名称": ["甲项目"], "县级主体": ["南湖"],
                          "项目类别": ["制造业"], "总投资（万元）": [20000.0], "签约日期": [dt.date(2020, 1, 10)]})
    data = workbook_bytes(frames={"projects": frame} | {t: None for t in ("land", "indicators", "targets", "nodes")})
    result = import_sources([SourceInput("全部模板.xlsx", data)], "2020-03")
    assert result.errors == [] and result.row_counts == {"projects": 1}
    assert [(p.sheet, p.reason) for p in result.warnings] == [
        ("土地", "“土地”没有数据行，已跳过（该表保持不变）"),
        ("月度指标", "“月度指标”没有数据行，已跳过（该表保持不变）"),
        ("年度目标", "“年度目标”没有数据行，已跳过（该表保持不变）"),
        ("推进节点", "“推进节点”没有数据行，已跳过（该表保持不变）"),
    ]  # in the workbook's order
    assert query("select count(*) from land") == [(1,)] and query("select count(*) from projects") == [(1,)]
