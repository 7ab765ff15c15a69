"""The 项目查询 page under AppTest on the fixtures of tests/test_explorer_queries.py."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from tests.helpers import record_downloads, write
from tests.test_explorer_queries import JUNE, LAND, MAY, NODES, code


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-05", projects=MAY, nodes=NODES, land=LAND)
    write(data_root, "2020-06", projects=JUNE, nodes=NODES, land=LAND)
    return data_root


def page(project: str | None = None, unit: str = "city") -> AppTest:
    at = AppTest.from_file(str(REPO_DIR / "pages" / "project_explorer.py"), default_timeout=60)
    at.session_state["filter_month"] = "2020-06"
    at.session_state["filter_unit"] = unit
    if project:
        at.query_params["project"] = project
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def listed(at: AppTest) -> list[str]:
    return at.dataframe[0].value["项目名称"].tolist()


def test_list_search_and_filters(ledger):
    at = page()
    assert at.title[0].value == "项目查询"
    assert len(listed(at)) == 4
    assert not at.header  # no project chosen yet
    at.text_input(key="explorer_search").set_value("0%").run()
    assert listed(at) == ["100%光伏项目"]
    at.text_input(key="explorer_search").set_value("'引号%").run()
    assert listed(at) == ["含'引号%的项目"]
    at.text_input(key="explorer_search").set_value("").run()
    at.multiselect(key="explorer_industries").set_value(["光伏"]).run()
    at.multiselect(key="explorer_sizes").set_value(["百亿级"]).run()
    assert listed(at) == ["100%光伏项目"]
    assert "共1个项目，总投资120.00亿元" in at.caption[1].value


def test_unit_and_warning_filter(ledger):
    at = page(unit="nanhu")
    assert sorted(listed(at)) == ["100%光伏项目", "嘉兴某智能装备项目"]
    at.multiselect(key="explorer_grades").set_value(["红"]).run()
    assert listed(at) == ["嘉兴某智能装备项目"]


def test_project_view_from_query_param(ledger):
    at = page(project=code(1))
    assert at.header[0].value == "嘉兴某智能装备项目"
    assert any("红色预警" in e.value and "报建" in e.value for e in at.error)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    timeline = next(s for s in specs if any(t.get("name") == "已到达" for t in s["data"]))
    nodes = next(s for s in specs if any(t.get("name") == "按期完成" for t in s["data"]))
    assert next(t for t in timeline["data"] if t.get("name") == "已到达")["y"] == ["签约", "注册", "供地", "开工"]
    assert [t["name"] for t in nodes["data"] if t["mode"] == "lines"] == ["按期完成", "延期完成", "逾期未完成"]
    # The list marks the linked project as selected (row 1: P3 120亿 then P1 60亿 in 南湖) and links down to it.
    listing = at.dataframe[0]
    assert json.loads(listing.proto.selection_default)["selection"]["rows"] == [1]
    assert any("当前项目：" in m.value and "(#project-view)" in m.value for m in at.markdown)
    text = " ".join(m.value for m in at.markdown)
    assert "**亩均投资（合同）**  \n6,000万元/亩" in text and "**亩均税收**  \n暂无数据" in text
    assert "**联系领导**  \n市领导" in text
    tables = {tuple(d.value.columns[:2]): d.value for d in at.dataframe}
    assert tables[("地块名称", "面积（亩）")]["“五未”类别"].tolist() == ["供而未用"]
    assert tables[("数据月份", "阶段")]["阶段"].tolist() == ["开工", "供地"]


def test_unknown_project_and_project_without_warning(ledger):
    at = page(project="2099-000000-00-00-000000")
    assert any("没有项目代码为" in w.value for w in at.warning)
    at = page(project=code(4))
    assert at.header[0].value == "ABC工厂项目"
    assert any("无分级预警" in s.value for s in at.success)
    assert any("没有推进节点数据" in i.value for i in at.info)


def test_snail_and_idle_land_filters_and_export_name(ledger, monkeypatch):
    downloads = record_downloads(monkeypatch)
    at = page()
    at.multiselect(key="explorer_idle").set_value(["供而未用"]).run()  # L1 of P1; L2 of P3 is 批而未供
    assert listed(at) == ["嘉兴某智能装备项目"]
    assert downloads[-1][0] == "项目查询_全市_供而未用_2020-06.xlsx"
    at.multiselect(key="explorer_idle").set_value(["无“五未”地块"]).run()
    assert sorted(listed(at)) == ["ABC工厂项目", "含'引号%的项目"]
    at.multiselect(key="explorer_snails").set_value(["蜗牛项目"]).run()  # none is 蜗牛 in June
    assert listed(at) == []
    at.multiselect(key="explorer_snails").set_value(["非蜗牛项目"]).run()
    assert sorted(listed(at)) == ["ABC工厂项目", "含'引号%的项目"]


def test_filters_in_sql_shown_rows_only_export_whole(ledger, tmp_path, monkeypatch):
    # issue 19 §6: the page never fetches the month's whole list or warning list; the table holds [display]
    # list_rows rows with the count and 总投资 of all, and 导出Excel (built on click) the whole filtered list
    import io

    import openpyxl

    from cockpit import queries
    from tests.test_definitions import config_with

    config_with(tmp_path, monkeypatch, "list_rows = 2000", "list_rows = 2")
    ran: list[str] = []
    real = queries.run
    monkeypatch.setattr(queries, "run", lambda name, **params: ran.append(name) or real(name, **params))
    downloads = record_downloads(monkeypatch)
    at = page(project=code(1))
    assert listed(at) == ["100%光伏项目", "嘉兴某智能装备项目"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("共4个项目，总投资195.50亿元") for c in captions)
    assert any(c.startswith("显示前2条，共4条，导出Excel含全部。") for c in captions)
    assert any("节点‘报建’逾期5个月未完成" in e.value for e in at.error)  # the project's own warning
    at.multiselect(key="explorer_grades").set_value(["无预警"]).run()
    assert listed(at) == ["100%光伏项目", "含'引号%的项目"]
    assert any(c.startswith("共3个项目，总投资135.50亿元") for c in [c.value for c in at.caption])
    assert not set(ran) & {"explorer__projects", "warnings__projects", "idle__list"}
    export = next(d for n, d in reversed(downloads) if n.startswith("项目查询"))
    sheet = openpyxl.load_workbook(io.BytesIO(export())).worksheets[0]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "100%光伏项目", "含'引号%的项目", "ABC工厂项目"]
