"""The 全生命周期 page under AppTest on the hand-checked two-month ledger of tests/test_pipeline_queries.py."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import write, run_page, dataframe_starting_with, choose_tab
from tests.test_pipeline_queries import JUNE, MAY


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-05", projects=MAY)
    write(data_root, "2020-06", projects=JUNE)
    return data_root


def page(month: str = "2020-06", unit: str = "city") -> AppTest:
    return run_page("pipeline.py", month, unit)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def table(at: AppTest, first_column: str, second_column: str):
    return dataframe_starting_with(at, first_column, second_column)


def test_funnel_durations_and_moves(ledger):
    at = page()
    assert at.title[0].value == "全生命周期"
    funnel, heatmap = charts(at)  # only the chosen view is drawn
    funnel = funnel["data"][0]
    assert funnel["type"] == "funnel" and funnel["x"] == [5, 2, 1, 2, 0, 0, 0, 0]
    assert heatmap["data"][0]["type"] == "heatmap" and len(heatmap["data"][0]["y"]) == 9
    units = table(at, "县级主体", "签约（个）").set_index("县级主体")
    assert units.loc["合计", "签约（个）"] == 5 and units.loc["南湖区", "注册（个）"] == 2
    (durations_chart,) = charts(choose_tab(at, "pipeline_tab", "环节用时"))
    assert [t["name"] for t in durations_chart["data"]] == ["全市"]
    durations = table(at, "县级主体", "签约→注册（月）").set_index("县级主体")
    assert durations.loc["全市", "签约→注册 n"] == 3 and durations.loc["全市", "签约→注册（月）"] == 1.0  # 30/30.44
    (moves_chart,) = charts(choose_tab(at, "pipeline_tab", "本月阶段变化"))
    assert {t["name"]: sum(t["x"]) for t in moves_chart["data"]} == {"推进": 2, "新增": 1, "新入库": 1, "移出": 1}
    shown = {m.label: m.value for m in at.metric}
    assert shown == {"推进": "2个", "新增": "1个", "新入库": "1个", "回退": "0个", "移出": "1个"}
    moves = table(at, "变化", "项目名称")
    assert sorted(moves["变化"]) == ["推进", "推进", "新入库", "新增", "移出"]


def test_unit_selection_and_first_month(ledger):
    at = page(month="2020-05", unit="nanhu")
    # May, 南湖: P1 P2 P6 signed 2020; 注册 P1 P2; 供地 P1; nobody started. One unit: no unit × stage heatmap;
    # the durations chart sets 南湖 against 全市.
    (funnel,) = charts(at)
    assert funnel["data"][0]["x"] == [3, 2, 1, 0, 0, 0, 0, 0]
    (durations_chart,) = charts(choose_tab(at, "pipeline_tab", "环节用时"))
    assert [t["name"] for t in durations_chart["data"]] == ["南湖", "全市"]
    choose_tab(at, "pipeline_tab", "本月阶段变化")
    assert any("无法比较阶段变化" in i.value for i in at.info)
    assert not at.metric
