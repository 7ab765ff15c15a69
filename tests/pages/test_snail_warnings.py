"""The 蜗牛项目与分级预警 page under AppTest on two hand-made monthly snapshots (May and June 2020)."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import choose_tab, dataframe_starting_with, linked_names, project, run_page, write
from tests.test_warning_queries import node, pinned_config  # noqa: F401  (fixture)

MAY = [
    project(1, contract_start_on="2019-12-15"),      # May: +6 months = 06-15 > 05-31, not 蜗牛
    project(2, contract_start_on="2019-10-01"),      # 蜗牛 in May
    project(3, started_on="2019-01-01", contract_completion_on="2019-09-30"),   # 蜗牛 (竣工滞后) in May
    project(4, contract_start_on="2019-01-01"),      # 蜗牛 in May, gone in June
    project(6, contract_start_on="2019-01-01"),      # 蜗牛 both months (17 months late in June)
    project(7, contract_start_on="2019-10-01"),      # 蜗牛 in May, contract date moved in June
    project(8, started_on="2019-01-01", contract_completion_on="2019-06-01"),   # 竣工滞后 both months (12 in June)
]
JUNE = [
    MAY[0],                                                                     # now 蜗牛 (6 months): 新增
    project(2, contract_start_on="2019-10-01", started_on="2020-06-05"),        # 销号 已开工
    project(3, started_on="2019-01-01", contract_completion_on="2019-09-30", completed_on="2020-06-20"),  # 销号
    project(5, "xiuzhou", contract_start_on="2019-01-01"),                      # new, already 蜗牛 (17): 新增
    MAY[4],
    project(7, contract_start_on="2020-03-01"),                                 # 销号 合同日期调整
    MAY[6],
]
# June: 蜗牛 1, 5, 6, 8 (开工滞后 3, 竣工滞后 1); 新增 1, 5; 销号 2, 3, 4, 7.
JUNE_NODES = [
    node(1, "报建", "2020-03-31"),    # 3 months overdue at 2020-06-30 → 红
    node(5, "招标", "2020-06-20"),    # 10 days overdue → 黄 (秀洲)
    node(6, "招标", "2020-07-10"),    # due in 10 days → 蓝
]


@pytest.fixture
def snapshots(data_root, pinned_config):  # noqa: F811
    write(data_root, "2020-05", projects=MAY)
    write(data_root, "2020-06", projects=JUNE, nodes=JUNE_NODES)
    return data_root


def page(month: str = "2020-06", unit: str = "city") -> AppTest:
    return run_page("snail_warnings.py", month, unit)


def table(at: AppTest, first_column: str):
    return dataframe_starting_with(at, first_column)


def test_headline_numbers(snapshots):
    metrics = page().metric
    assert {m.label: m.value for m in metrics} == {"蜗牛项目": "4个", "本月新增蜗牛": "2个", "本月销号": "4个",
                                                   "红色预警": "1个", "黄色预警": "1个", "蓝色提醒": "1个"}
    # 蜗牛: 6 in May + 2 new − 4 resolved = 4; May had no nodes, so each grade is up by one.
    assert {m.label: m.delta for m in metrics if m.delta} == {"蜗牛项目": "-2个", "红色预警": "+1个",
                                                              "黄色预警": "+1个", "蓝色提醒": "+1个"}


def test_snail_list_for_the_briefing_and_changes(snapshots):
    at = page()
    snails = linked_names(table(at, "项目名称"))
    assert snails["项目名称"][0] == "测试项目6" and table(at, "项目名称")["项目名称"][0] == (
        "project_explorer?name=%E6%B5%8B%E8%AF%95%E9%A1%B9%E7%9B%AE6&project=2020-330402-07-02-000006")
    # 南湖 first, most months late first: 6 (17), 8 (12), 1 (6); then 秀洲 5 (17).
    assert snails[["项目名称", "蜗牛类型", "滞后月数", "总投资（亿元）", "联系领导"]].values.tolist() == [
        ["测试项目6", "开工滞后", 17, 2.0, "县领导"], ["测试项目8", "竣工滞后", 12, 2.0, "县领导"],
        ["测试项目1", "开工滞后", 6, 2.0, "县领导"], ["测试项目5", "开工滞后", 17, 2.0, "县领导"]]
    changes = linked_names(table(at, "变化"))
    assert changes[["变化", "项目名称", "说明"]].values.tolist() == [
        ["新增", "测试项目1", "开工滞后满6个月"], ["新增", "测试项目5", "新入库即为蜗牛"],
        ["销号", "测试项目2", "已开工"], ["销号", "测试项目3", "已竣工"], ["销号", "测试项目4", "移出项目库"],
        ["销号", "测试项目7", "合同日期调整"]]
    at.multiselect(key="snail_types").set_value(["竣工滞后"]).run()
    assert linked_names(table(at, "项目名称"))["项目名称"].tolist() == ["测试项目8"]


def test_warning_list_with_reasons_filtered_by_grade(snapshots):
    at = choose_tab(page(), "snail_tab", "分级预警")
    warned = linked_names(table(at, "预警等级"))
    assert warned[["预警等级", "项目名称", "预警原因"]].values.tolist() == [
        ["红", "测试项目1", "节点‘报建’逾期3个月未完成"],
        ["黄", "测试项目5", "节点‘招标’逾期10天未完成"],
        ["蓝", "测试项目6", "节点‘招标’将于2020-07-10到期"]]
    at.multiselect(key="warning_grades").set_value(["红"]).run()
    assert linked_names(table(at, "预警等级"))["项目名称"].tolist() == ["测试项目1"]
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    trend = next(c for c in charts if c["data"][0].get("stackgroup"))
    assert [(t["name"], t["y"]) for t in trend["data"]] == [
        ("红色预警", [0, 1]), ("黄色预警", [0, 1]), ("蓝色提醒", [0, 1])]  # May had no nodes


def test_unit_filter(snapshots):
    at = page(unit="xiuzhou")
    shown = {m.label: m.value for m in at.metric}
    assert (shown["蜗牛项目"], shown["本月新增蜗牛"], shown["本月销号"], shown["黄色预警"], shown["红色预警"]) == (
        "1个", "1个", "0个", "1个", "0个")
    assert table(at, "项目名称")["县级主体"].tolist() == ["秀洲区"]


def test_first_month_has_no_changes(snapshots):
    at = page(month="2020-05")
    shown = {m.label: m.value for m in at.metric}
    assert (shown["蜗牛项目"], shown["本月新增蜗牛"]) == ("6个", "—")  # May: 2, 3, 4, 6, 7, 8
    assert any("无法计算新增与销号" in i.value for i in at.info)


def test_upcoming_view(snapshots):
    # June (D = 2020-06-30): nothing in JUNE turns within 3 months except 7 (合同开工 2020-03-01 → 2020-09-01).
    at = choose_tab(page(), "snail_tab", "临期预警")
    assert at.markdown[0].value == "#### 下月（2020年7月）将新增蜗牛项目0个（亿元以上0个），除非此前开工或竣工"
    counts = table(at, "县级主体")
    assert counts.iloc[-1].tolist() == ["合计", 0, 0, 1]
    assert linked_names(table(at, "转为蜗牛日期"))["项目名称"].tolist() == ["测试项目7"]


def test_counts_in_sql_lists_fetch_only_the_shown_rows(snapshots, monkeypatch):
    # issue 19 §6: neither whole list is fetched to draw the page; the export builds the whole list on click
    import io

    import openpyxl

    from cockpit import queries
    from cockpit.views import lists
    from tests.helpers import record_downloads

    ran: list[tuple[str, dict]] = []
    real = queries.run
    monkeypatch.setattr(queries, "run", lambda name, **params: ran.append((name, params)) or real(name, **params))
    downloads = record_downloads(monkeypatch)
    at = page()
    at.multiselect(key="snail_types").set_value(["开工滞后"]).run()
    at = choose_tab(at, "snail_tab", "分级预警")
    names = {name for name, _ in ran}
    assert {"snail__by_unit", "snail__list", "warnings__by_unit", "warnings__list"} <= names
    assert not names & {"snail__projects", "warnings__projects"}
    assert {p["limit"] for name, p in ran if name.endswith("__list")} == {lists.list_rows()}
    assert [p["types"] for name, p in ran if name == "snail__list"][-1] == ["开工滞后"]
    ran.clear()
    export = next(d for n, d in reversed(downloads) if n.startswith("蜗牛项目清单"))
    sheet = openpyxl.load_workbook(io.BytesIO(export())).worksheets[0]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["测试项目6", "测试项目1", "测试项目5"]
    assert [(name, p["limit"]) for name, p in ran] == [("snail__list", None)]
