"""项目查询 queries and figures on hand-made fixtures: parameterised search, facet filters, the project view."""
from __future__ import annotations

import datetime as dt

import pytest

from cockpit import queries
from cockpit.views import idle_land
from cockpit.views import project_explorer as explorer
from cockpit.views import snail_warnings as warnings
from tests.helpers import project, write
from tests import oracles


def warnings_for(month: str):
    return queries.run(warnings.WARNING_QUERY, month=month, **warnings.warning_params())


def code(serial: int) -> str:
    return f"2020-330402-07-02-{serial:06d}"


E1_JUNE = project(1, "nanhu", project_name="嘉兴某智能装备项目", industry="智能装备", total_investment=600000.0,
                  signed_on="2020-01-10", registered_on="2020-02-01", land_supplied_on="2020-03-01",
                  started_on="2020-05-01", contract_start_on="2020-04-01", contract_completion_on="2021-06-30",
                  investment_to_date=150000.0, investment_this_year=30000.0, land_area=100.0)
JUNE = [
    E1_JUNE,  # 60亿: 50–100亿元, 市领导
    project(2, "xiuzhou", project_name="含'引号%的项目", category="生产性服务业", industry="数字经济",
            total_investment=5000.0),  # 0.5亿: 亿元以下, 属地
    project(3, "nanhu", project_name="100%光伏项目", industry="光伏", total_investment=1200000.0),  # 百亿级, 专班
    project(4, "jiashan", project_name="ABC工厂项目", industry="光伏", total_investment=150000.0),  # 10–50亿元
]
MAY = [{**E1_JUNE, "started_on": None, "investment_to_date": 120000.0}, *JUNE[1:]]
NODES = [
    {"project_code": code(1), "node": "规划", "planned_on": "2020-02-01", "done_on": "2020-01-20"},  # 12 days early
    {"project_code": code(1), "node": "立项", "planned_on": "2020-03-01", "done_on": "2020-03-21"},  # 20 days late
    {"project_code": code(1), "node": "报建", "planned_on": "2020-01-15"},  # open, overdue 5 months → 红
    {"project_code": code(1), "node": "竣工", "planned_on": "2021-01-01"},  # open, not yet due
]
LAND = [
    {"parcel_id": "L1", "unit_id": "nanhu", "land_use": "工业用地", "area": 50.0, "approved_on": "2019-12-01",
     "supplied_on": "2020-03-01", "project_code": code(1)},  # supplied, not started → 供而未用
    {"parcel_id": "L2", "unit_id": "nanhu", "land_use": "工业用地", "area": 30.0, "approved_on": "2019-12-01",
     "project_code": code(3)},
]


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-05", projects=MAY, nodes=NODES, land=LAND)
    write(data_root, "2020-06", projects=JUNE, nodes=NODES, land=LAND)
    return data_root


def search(text: str, unit: str = "city") -> list[str]:
    return sorted(queries.run("explorer__projects", month="2020-06", unit=unit, search=text)["project_name"])


def test_search_is_a_parameter_not_sql(ledger):
    assert len(search("")) == 4
    assert search("'引号%") == ["含'引号%的项目"]  # a quote and % are plain characters
    # As a LIKE pattern '0%' would match every row (all codes contain 0); as text only "100%光伏项目" has it.
    assert search("0%") == ["100%光伏项目"]
    assert search("%") == ["100%光伏项目", "含'引号%的项目"]
    assert search("abc") == ["ABC工厂项目"]  # case-insensitive
    assert search("000002") == ["含'引号%的项目"]  # by 项目代码
    assert search("'; drop table projects; --") == []
    assert search("", unit="nanhu") == ["100%光伏项目", "嘉兴某智能装备项目"]


def test_tiers_and_facet_filters(ledger):
    frame = oracles.with_warnings(queries.run("explorer__projects", month="2020-06", unit="city", search=""),
                                   warnings_for("2020-06"))
    by_name = {r["project_name"]: r for r in frame.iter_rows(named=True)}
    assert (by_name["嘉兴某智能装备项目"]["size_tier"], by_name["嘉兴某智能装备项目"]["leader_tier"]) == ("50–100亿元", "市领导")
    assert (by_name["100%光伏项目"]["size_tier"], by_name["100%光伏项目"]["needs_task_force"]) == ("百亿级", True)
    assert (by_name["ABC工厂项目"]["size_tier"], by_name["ABC工厂项目"]["leader_tier"]) == ("10–50亿元", "县主要领导")
    assert by_name["含'引号%的项目"]["leader_tier"] == "属地"
    # E1 has 报建 overdue 2020-01-15 → 2020-06-30 (5 months ≥ 3) → 红; the others have no warning.
    assert by_name["嘉兴某智能装备项目"]["warning_grade"] == "红"

    def names(**chosen):
        return sorted(oracles.filter_projects(frame, **chosen)["project_name"])

    assert names(categories=["生产性服务业"]) == ["含'引号%的项目"]
    assert names(industries=["光伏"]) == ["100%光伏项目", "ABC工厂项目"]
    assert names(stages=["开工"]) == ["嘉兴某智能装备项目"]
    assert names(sizes=["百亿级", "10–50亿元"]) == ["100%光伏项目", "ABC工厂项目"]
    assert names(leaders=["市领导"]) == ["100%光伏项目", "嘉兴某智能装备项目"]
    assert names(grades=["红"]) == ["嘉兴某智能装备项目"]
    assert len(names(grades=[explorer.NO_WARNING])) == 3
    assert names(industries=["光伏"], leaders=["市领导"]) == ["100%光伏项目"]
    table = explorer.list_table(frame)
    assert table.filter(table["项目名称"] == "嘉兴某智能装备项目")["总投资（亿元）"].item() == 60.0


def test_project_view_history_header_and_performance(ledger):
    history = queries.run("explorer__project_history", code=code(1), month="2020-06")
    assert history["snapshot_month"].to_list() == ["2020-05", "2020-06"]
    assert history["stage"].to_list() == ["供地", "开工"]
    p = history.row(-1, named=True)
    facts = explorer.header_facts(p)
    assert (facts["县级主体"], facts["总投资"], facts["规模"], facts["联系领导"], facts["所处阶段"], facts["蜗牛项目"]) == (
        "南湖区", "60.00亿元", "50–100亿元", "市领导", "开工", "否")
    perf = explorer.performance_facts(p)
    # 150000 / 600000 = 25%; 30000万元 = 3亿元; committed 600000万元 / 100亩 = 6000万元/亩,
    # actual 150000万元 / 100亩 = 1500万元/亩; no tax or value-added data in the model.
    assert perf == {"投资完成率": "25.0%", "本年完成投资": "3.00亿元", "用地面积": "100.00亩",
                    "亩均投资（合同）": "6,000万元/亩", "亩均投资（已完成）": "1,500万元/亩",
                    "亩均税收": "暂无数据", "亩均增加值": "暂无数据"}
    fig = explorer.performance_figure(p)
    assert list(fig.data[0].x) == [60.0, 15.0, 3.0]
    assert explorer.history_table(history)["阶段"].to_list() == ["开工", "供地"]  # newest first
    assert queries.run("explorer__project_history", code=code(1), month="2020-05").height == 1
    assert queries.run("explorer__project_history", code="nope", month="2020-06").is_empty()
    # A project without 用地面积 says so instead of a number.
    other = queries.run("explorer__project_history", code=code(2), month="2020-06").row(-1, named=True)
    facts = explorer.performance_facts(other)
    assert facts["亩均投资（合同）"] == facts["亩均投资（已完成）"] == "暂无数据（无用地面积）"
    assert (facts["投资完成率"], facts["用地面积"]) == ("暂无数据", "暂无数据")


def traces(fig) -> dict:
    return {t.name: t for t in fig.data}


def test_timeline_figure(ledger):
    p = queries.run("explorer__project_history", code=code(1), month="2020-06").row(-1, named=True)
    got = traces(explorer.timeline_figure(p))
    assert list(got["已到达"].y) == ["签约", "注册", "供地", "开工"]
    assert list(got["已到达"].x) == [dt.date(2020, 1, 10), dt.date(2020, 2, 1), dt.date(2020, 3, 1),
                                     dt.date(2020, 5, 1)]
    assert list(got["未到达"].y) == ["竣工", "投产", "达规", "达产"]
    assert list(got["未到达"].x) == [dt.date(2020, 6, 30)] * 4  # greyed at the snapshot date
    contract = got["合同约定日期"]
    assert list(contract.y) == ["开工", "竣工"] and list(contract.customdata) == ["合同开工", "合同竣工"]
    assert list(contract.x) == [dt.date(2020, 4, 1), dt.date(2021, 6, 30)]
    # Started 2020-05-01 against a contract start of 2020-04-01: late, drawn from contract to actual.
    # Completion is due 2021-06-30, after the snapshot: no line.
    assert list(got["晚于合同"].x) == [dt.date(2020, 4, 1), dt.date(2020, 5, 1), None]
    assert list(got["晚于合同"].y) == ["开工", "开工", None]
    assert "按合同" not in got and "超合同未到达" not in got


def test_contract_gaps():
    base = {"snapshot_date": dt.date(2020, 6, 30), "contract_start_on": dt.date(2020, 4, 1),
            "contract_completion_on": dt.date(2020, 5, 31), "started_on": dt.date(2020, 3, 20), "completed_on": None}
    base.update({col: None for _, col in explorer.STEPS if col not in base})
    # Started before the contract date: 按合同. Not completed and the contract completion has passed: red up to D.
    assert explorer.contract_gaps(base) == [
        {"step": "开工", "start": dt.date(2020, 4, 1), "end": dt.date(2020, 3, 20), "kind": "按合同"},
        {"step": "竣工", "start": dt.date(2020, 5, 31), "end": dt.date(2020, 6, 30), "kind": "超合同未到达"}]
    # Not started, contract start still ahead of D: nothing to draw.
    ahead = {**base, "started_on": None, "contract_start_on": dt.date(2020, 9, 1), "contract_completion_on": None}
    assert explorer.contract_gaps(ahead) == []


def test_nodes_plan_against_actual(ledger):
    nodes = queries.run("explorer__project_nodes", code=code(1), month="2020-06")
    got = {r["node"]: (r["status"], r["slip_days"]) for r in nodes.iter_rows(named=True)}
    # 规划 20 Jan vs 1 Feb: −12; 立项 21 Mar vs 1 Mar: +20; 报建 open since 15 Jan: 16+29+31+30+31+30 = 167 days;
    # 竣工 due 2021-01-01, 30 June − 1 Jan = −(31+31+30+31+30+31+1) = −185.
    assert got == {"规划": ("按期完成", -12), "立项": ("延期完成", 20), "报建": ("逾期未完成", 167),
                   "竣工": ("未到期", -185)}
    assert nodes["node"].to_list() == ["规划", "立项", "报建", "竣工"]  # standard node order
    fig = explorer.nodes_figure(nodes)
    lines = {t.name: list(t.x) for t in fig.data if t.mode == "lines"}
    assert lines["按期完成"] == [dt.date(2020, 2, 1), dt.date(2020, 1, 20), None]
    assert lines["逾期未完成"] == [dt.date(2020, 1, 15), dt.date(2020, 6, 30), None]  # red up to the snapshot date
    assert "未到期" not in lines  # only a plan marker
    table = explorer.node_table(nodes)
    assert table.filter(table["节点名称"] == "竣工")["偏差（天）"].item() is None


def test_project_land(ledger):
    land = queries.run("explorer__project_land", code=code(1), month="2020-06")
    assert land["parcel_id"].to_list() == ["L1"]
    row = explorer.land_table(land).row(0, named=True)
    assert (row["面积（亩）"], row["供地日期"], row["“五未”类别"]) == (50.0, dt.date(2020, 3, 1), "供而未用")


def test_list_key_follows_the_rows_and_deep_link_row(ledger):
    frame = explorer.list_table(oracles.with_warnings(
        queries.run("explorer__projects", month="2020-06", unit="city", search=""), warnings_for("2020-06")))
    key = explorer.list_key("2020-06", frame["项目代码"])
    assert key == explorer.list_key("2020-06", frame["项目代码"])  # same rows, same selection
    assert key != explorer.list_key("2020-06", frame["项目代码"].head(3))  # filtered: a fresh selection
    assert key != explorer.list_key("2020-05", frame["项目代码"])
    # Sorted by unit (南湖 first), then 总投资 descending: P3 120亿, P1 60亿, then 秀洲 P2, then 嘉善 P4.
    assert frame["项目代码"].to_list() == [code(3), code(1), code(2), code(4)]
    assert explorer.row_of(frame, code(2)) == 2
    assert explorer.row_of(frame, "2099-000000-00-00-000000") is None and explorer.row_of(frame, None) is None


def test_markdown_text_is_literal():
    assert explorer.markdown_text("[a](b)*_") == "\\[a\\]\\(b\\)\\*\\_"


def test_chosen_project_follows_selection_and_link():
    # A row selected in list A opens it, and A now holds the selection.
    assert explorer.chosen_project("P1", None, "A", None) == ("P1", "A")
    assert explorer.chosen_project("P2", "P1", "A", "A") == ("P2", "A")
    # The selection cleared in the same list closes the view.
    assert explorer.chosen_project(None, "P1", "A", "A") == (None, None)
    # A shared link with nothing selected opens the linked project; so does a filtered list without it.
    assert explorer.chosen_project(None, "P1", "A", None) == ("P1", None)
    assert explorer.chosen_project(None, "P1", "B", "A") == ("P1", "A")
    assert explorer.chosen_project(None, "", "A", None) == (None, None)


def test_list_filters_count_and_limit_in_sql(ledger):
    # issue 19 §6: explorer__list / explorer__list_summary apply the page's filters as parameters and give the same
    # rows as filter_projects over the whole list; the facets and one project's warning come without the list
    facets = queries.run(explorer.FACETS_QUERY, month="2020-06", unit="city", search="")
    assert explorer.facet_values(facets, "category") == ["制造业", "生产性服务业"]
    assert explorer.facet_values(facets, "industry") == ["光伏", "数字经济", "智能装备"]
    assert explorer.facet_values(queries.run(explorer.FACETS_QUERY, month="2020-06", unit="city", search="光伏"),
                                 "industry") == ["光伏"]

    def names(unit="city", text="", limit=100, **choices):
        got = queries.run(explorer.LIST_QUERY, month="2020-06", unit=unit, search=text, limit=limit,
                          **warnings.warning_params(), **explorer.list_params(**choices))
        return got["project_name"].to_list()

    def summary(unit="city", text="", **choices):
        got = queries.run(explorer.LIST_SUMMARY_QUERY, month="2020-06", unit=unit, search=text,
                          **warnings.warning_params(), **explorer.list_params(**choices))
        return got.row(0)

    # 南湖 first (百亿级 光伏 before the 60亿 装备), then 秀洲, 嘉善
    assert names() == ["100%光伏项目", "嘉兴某智能装备项目", "含'引号%的项目", "ABC工厂项目"]
    assert summary() == (4, 120 + 60 + 0.5 + 15.0)
    assert names(limit=2) == ["100%光伏项目", "嘉兴某智能装备项目"]  # the first rows in the list's order
    assert names(grades=["红"]) == ["嘉兴某智能装备项目"] and summary(grades=["红"]) == (1, 60.0)
    assert names(grades=[explorer.NO_WARNING]) == ["100%光伏项目", "含'引号%的项目", "ABC工厂项目"]
    assert names(grades=["红", explorer.NO_WARNING]) == names()
    assert names(idle=["供而未用"]) == ["嘉兴某智能装备项目"]       # L1
    assert names(idle=["批而未供"]) == ["100%光伏项目"]             # L2, not supplied
    assert names(idle=[explorer.NOT_IDLE]) == ["含'引号%的项目", "ABC工厂项目"]
    assert names(idle=["供而未用", explorer.NOT_IDLE]) == ["嘉兴某智能装备项目", "含'引号%的项目", "ABC工厂项目"]
    assert names(snails=["蜗牛项目"]) == [] and summary(snails=["蜗牛项目"]) == (0, 0.0)
    assert names(snails=list(explorer.SNAIL_OPTIONS)) == names(snails=["非蜗牛项目"]) == names()
    assert names(categories=["生产性服务业"]) == ["含'引号%的项目"]
    assert names(industries=["光伏"], sizes=["10–50亿元"]) == ["ABC工厂项目"]
    assert names(leaders=["市领导", "属地"]) == ["100%光伏项目", "嘉兴某智能装备项目", "含'引号%的项目"]  # ≥50亿 both
    assert names(stages=["开工"]) == ["嘉兴某智能装备项目"]
    assert names(unit="nanhu", text="光伏") == ["100%光伏项目"] and summary(unit="nanhu", text="光伏") == (1, 120.0)
    # the export (no limit) equals the old way: filter_projects over the whole list with warnings and land
    whole = oracles.with_idle_land(
        oracles.with_warnings(queries.run("explorer__projects", month="2020-06", unit="city", search=""),
                               warnings_for("2020-06")),
        queries.run(idle_land.LIST_QUERY, month="2020-06", unit="city", **idle_land.whole_list_params()))
    for choices in ({}, {"grades": ["红", explorer.NO_WARNING]}, {"idle": ["批而未供", explorer.NOT_IDLE]}):
        got = queries.run(explorer.LIST_QUERY, month="2020-06", unit="city", search="", limit=None,
                          **warnings.warning_params(), **explorer.list_params(**choices))
        assert explorer.list_table(got).equals(explorer.list_table(oracles.filter_projects(whole, **choices)))
    own = queries.run(explorer.PROJECT_WARNING_QUERY, code=code(1), month="2020-06", **warnings.warning_params())
    # 本年投资 30000万 against 600000 × 91 / 456 = 119737万 (2020-04-01..2021-06-30, 91 days by D): 25%
    assert own.select("grade", "reasons").rows() == [("红", "节点‘报建’逾期5个月未完成；本年完成投资为序时计划的25%")]
    assert queries.run(explorer.PROJECT_WARNING_QUERY, code=code(2), month="2020-06",
                       **warnings.warning_params()).height == 0


def test_idle_filter_agrees_with_the_parcel_list_on_the_sample(sample_data):
    # 项目查询's “五未” filter (explorer__filtered, over land) keeps the projects whose parcels the month's whole
    # parcel list (idle__list, no filter, no limit: what the 通报's 附件 reads) puts in a chosen category
    month = "2020-12"
    whole = oracles.with_idle_land(
        queries.run("explorer__projects", month=month, unit="city", search=""),
        queries.run(idle_land.LIST_QUERY, month=month, unit="city", **idle_land.whole_list_params()))
    # (the sample's 批而未供 parcels have no project yet: that choice keeps none)
    for idle in (["批而未供"], ["供而未用"], ["用而未尽", "建而未投"], ["投而未达规"], [explorer.NOT_IDLE]):
        got = queries.run(explorer.LIST_QUERY, month=month, unit="city", search="", limit=None,
                          **warnings.warning_params(), **explorer.list_params(idle=idle))
        assert got.height > 0 or idle == ["批而未供"], idle
        assert sorted(got["project_code"]) == sorted(oracles.filter_projects(whole, idle=idle)["project_code"])
