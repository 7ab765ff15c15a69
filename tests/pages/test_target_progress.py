"""目标进度 page under AppTest on the hand-made ledger of tests/test_progress_queries.py: the numbers shown."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR

from tests.helpers import run_page, choose_tab
from tests.test_progress_queries import build_ledger

PAGE = str(REPO_DIR / "pages" / "target_progress.py")


@pytest.fixture
def ledger(data_root):
    build_ledger(data_root)
    return data_root


def open_page(month: str, unit: str) -> AppTest:
    return run_page("target_progress.py", month, unit)


def row_of(frame, label: str) -> dict:
    return frame[frame["指标"] == label].iloc[0].to_dict()


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_unit_table_shows_completion_pace_gap_growth_and_status(ledger):
    at = open_page("2020-06", "nanhu")
    assert at.title[0].value == "目标进度"
    assert "序时进度 50.0%（6÷12）" in at.caption[0].value
    table = at.dataframe[0].value
    ii = row_of(table, "工业投资")
    # 54 of 120亿元: 45% vs 序时 50% → 落后; 差序时 120 × 50% − 54 = 6亿; (120 − 54) ÷ 6 = 11亿 a month; 同比 54/50 − 1
    assert (ii["完成值"], ii["全年目标"], ii["单位"]) == (54.0, 120.0, "亿元")
    assert ii["完成率（%）"] == pytest.approx(45.0) and ii["序时进度（%）"] == pytest.approx(50.0)
    assert ii["差序时"] == "差序时6.00亿元" and ii["剩余月均需完成"] == pytest.approx(11.0)  # in words (issue 10)
    assert ii["同比（%）"] == pytest.approx(8.0) and ii["上年同期"] == pytest.approx(50.0)
    assert ii["状态"] == "落后"
    starts = row_of(table, "亿元以上项目开工")
    # 2 of 12: 16.7%, a third of pace → 严重落后; last June 1 start → 同比 +100%
    assert starts["完成率（%）"] == pytest.approx(100 * 2 / 12) and starts["状态"] == "严重落后"
    assert starts["同比（%）"] == pytest.approx(100.0)
    rate = row_of(table, "签约项目注册率")
    assert (rate["完成值"], rate["全年目标"], rate["状态"]) == (75.0, 80.0, "落后")
    growth = row_of(table, "工业投资增长")
    assert growth["完成值"] == pytest.approx(8.0) and growth["备注"] == "工业投资本年累计54.00亿元，上年同期50.00亿元"
    assert len(table) == 23  # every metric of the plan
    labels = [b.label for b in at.get("download_button")]
    assert "导出Excel" in labels and labels.count("导出PNG") == len(at.get("plotly_chart"))


def test_city_flags_the_supplied_figure_against_the_units_sum(ledger):
    at = open_page("2020-06", "city")
    assert [w.value for w in at.warning] == [
        "全市数据与九个主体合计不一致——工业投资：全市数据95.0亿元，九个主体合计（2个主体报送）94.0亿元，差1.0亿元"]
    ii = row_of(at.dataframe[0].value, "工业投资")
    assert (ii["完成值"], ii["全年目标"]) == (95.0, 900.0)
    assert ii["完成率（%）"] == pytest.approx(100 * 95 / 900) and ii["状态"] == "严重落后"
    assert "全市数据95.0亿元，九个主体合计（2个主体报送）94.0亿元，差1.0亿元" in ii["备注"]
    # requirement matrix: 南湖 has 1 百亿级 and 1 50–100亿元 but no 10–50亿元 project
    matrix = choose_tab(at, "progress_tab", "项目引进要求").dataframe[0].value
    nanhu = matrix[matrix["县级主体"] == "南湖区"].iloc[0].to_dict()
    assert (nanhu["百亿级（个）"], nanhu["百亿级≥1"], nanhu["10–50亿元（个）"], nanhu["10–50亿元≥2"],
            nanhu["计划要求"]) == (1, "✓", 0, "✗", "✗ 未全部达到")
    # March: no 全市 row, 全市 = the sum of the two reporting units → no mismatch, but the partial 全市 is named
    # (issue 10 item 3: 工业投资 and its growth sum 南湖 and 秀洲 only)
    assert [w.value for w in open_page("2020-03", "city").warning] == [
        "工业投资、工业投资增长：全市仅为已报送的2个主体合计，7个主体未报送："
        "嘉善县、海盐县、海宁市、平湖市、桐乡市、嘉兴经济技术开发区、嘉兴港区"]


def test_trend_of_the_chosen_metric(ledger):
    at = choose_tab(open_page("2020-06", "nanhu"), "progress_tab", "月度走势")
    trend = next(s for s in chart_specs(at) if any(t.get("name") == "序时进度线" for t in s["data"]))
    lines = {t["name"]: (t["x"], t["y"]) for t in trend["data"]}
    assert lines["本年累计"] == ([0, 3, 6], [0, 25.0, 54.0])
    assert lines["上年同期"] == ([0, 3, 6], [0, 24.0, 50.0])
    assert lines["序时进度线"] == ([0, 12], [0, 120.0])
    at.selectbox(key="progress_trend_metric").set_value("starts").run()
    assert not at.exception
    trend = next(s for s in chart_specs(at) if any(t.get("name") == "序时进度线" for t in s["data"]))
    lines = {t["name"]: (t["x"], t["y"]) for t in trend["data"]}
    assert lines["本年累计"] == ([0, 3, 6], [0, 1.0, 2.0]) and lines["序时进度线"] == ([0, 12], [0, 12.0])


def test_page_without_data_says_so(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    assert "尚未导入任何数据" in at.info[0].value
