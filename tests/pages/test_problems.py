"""The 问题清单 page under AppTest on the hand-made register of tests/test_problem_queries.py (June 2020)."""
from __future__ import annotations

from tests.helpers import choose_tab, dataframe_starting_with, run_page
from tests.test_problem_queries import DRC_DEPT, june  # noqa: F401  (fixture)


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_page_shows_the_months_figures(june):  # noqa: F811
    at = run_page("problems.py", month="2020-06")
    assert at.title[0].value == "问题清单"
    assert metric_values(at) == {"在册问题": "12个", "本月新增": "2个", "本月办结": "2个", "超期": "5个",
                                 "临期": "2个", "办结率": "25.0%"}
    units = dataframe_starting_with(at, "县级主体", "在册问题（个）")
    assert units.set_index("县级主体").loc["秀洲区", ["在册问题（个）", "超期（个）", "严重超期（个）"]].tolist() == [3, 3, 1]
    assert any("严重超期" in c.value for c in at.caption)


def test_department_view_names_who_holds_the_most_overdue(june):  # noqa: F811
    at = choose_tab(run_page("problems.py", month="2020-06"), "problems_tab", "责任单位")
    assert f"超期问题最多的责任单位：**{DRC_DEPT}**（3个，其中严重超期1个）" in [m.value for m in at.markdown]
    table = dataframe_starting_with(at, "责任单位", "在册问题（个）")
    assert table["责任单位"].tolist()[0] == DRC_DEPT


def test_list_view_and_the_three_lists(june):  # noqa: F811
    at = choose_tab(run_page("problems.py", month="2020-06"), "problems_tab", "问题清单")
    table = dataframe_starting_with(at, "问题编号", "办理状态")
    assert table["问题编号"].tolist()[:3] == ["P12", "P06", "P05"] and len(table) == 12
    at.segmented_control(key="problems_list").set_value("已办结").run()
    assert sorted(dataframe_starting_with(at, "问题编号", "办理状态")["问题编号"]) == ["P07", "P10"]
    at.segmented_control(key="problems_list").set_value("新增").run()
    assert sorted(dataframe_starting_with(at, "问题编号", "办理状态")["问题编号"]) == ["P09", "P10"]


def test_unit_filter(june):  # noqa: F811
    at = run_page("problems.py", month="2020-06", unit="xiuzhou")
    assert metric_values(at)["在册问题"] == "3个" and metric_values(at)["超期"] == "3个"


def test_a_month_without_problems_says_what_to_import(data_root):
    from tests.helpers import project, write

    write(data_root, "2020-06", projects=[project(1)])
    at = run_page("problems.py", month="2020-06")
    assert "导入“项目问题”表" in at.info[0].value
