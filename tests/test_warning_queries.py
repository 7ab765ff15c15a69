"""分级预警 on hand-made projects and nodes: each grade and its boundary, reasons, worst-of, counts and trend."""
from __future__ import annotations

import pytest

from cockpit import config, queries
from cockpit.views import snail_warnings as warnings
from tests.helpers import project, write
from tests import oracles


def warnings_for(month: str):
    return queries.run(warnings.WARNING_QUERY, month=month, **warnings.warning_params())

THRESHOLDS = {"node_yellow_days": 1, "node_red_months": 3, "node_late_recent_months": 3, "node_blue_days": 30,
              "investment_yellow": 0.8, "investment_red": 0.6, "min_days_elapsed": 30}


@pytest.fixture
def pinned_config(tmp_path, monkeypatch):
    """A config file with these thresholds, so the tests do not move when config/cockpit.toml is tuned."""
    path = tmp_path / "cockpit.toml"
    path.write_text("[general]\nusd_cny = 7.0\n[warnings]\n"
                    + "".join(f"{k} = {v}\n" for k, v in THRESHOLDS.items()), encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(path))
    return path


def code(serial: int) -> str:
    return project(serial)["project_code"]


def node(serial: int, name: str, planned: str, done: str | None = None) -> dict:
    return {"project_code": code(serial), "node": name, "planned_on": planned, "done_on": done}


def plan_year(serial: int, invested: float, **fields) -> dict:
    # 总投资 36600万元 over 2020-01-01..2020-12-31 (366 days); by D = 2020-06-30, 182 days have passed:
    # 序时计划 = 36600 × 182 / 366 = 18200万元.
    return project(serial, total_investment=36600.0, contract_start_on="2020-01-01",
                   contract_completion_on="2020-12-31", started_on="2020-01-05",
                   investment_this_year=invested, **fields)


def run(month: str = "2020-06"):
    return queries.run("warnings__projects", month=month, **THRESHOLDS)


@pytest.fixture
def june(data_root):
    # D = 2020-06-30. Projects without investment fields are judged on nodes only.
    write(data_root, "2020-06", projects=[
        *(project(i) for i in range(1, 9)),
        plan_year(11, 9464.0),      # 9464 / 18200 = 0.52 < 0.6 → 红
        plan_year(12, 10920.0),     # 0.60 exactly: not < 0.6 → 黄
        plan_year(13, 14560.0),     # 0.80 exactly: no warning
        plan_year(14, 14559.0),     # 0.79994 → 黄, shown rounded down: 79%
        project(15, total_investment=36600.0, contract_start_on="2020-07-01", contract_completion_on="2021-06-30",
                investment_this_year=0.0),                                   # plan starts after D: not judged
        plan_year(16, 0.0, completed_on="2020-05-01"),                       # completed: not judged
        # 2019-01-01..2020-03-31 is 456 days, 91 of them in 2020: plan = 45600 × 91 / 456 = 9100; 0% → 红
        project(17, total_investment=45600.0, contract_start_on="2019-01-01", contract_completion_on="2020-03-31",
                started_on="2019-02-01", investment_this_year=0.0),
        plan_year(18, 14559.0),     # 79% 黄 + a node 3 months overdue 红 → 红
        plan_year(19, 9464.0),      # 52% 红 + a node due soon 蓝 → 红
        project(20, "xiuzhou"),
    ], nodes=[
        node(1, "报建", "2020-03-31"),                      # open, 3 full months overdue (91 days) → 红
        node(2, "报建", "2020-04-01"),                      # open, 2 full months (90 days) → 黄
        node(3, "招标", "2020-06-20"),                      # open, 10 days → 黄
        node(4, "可研", "2020-03-01", "2020-05-10"),        # done 2 months late, in May (within 3 months) → 黄
        node(5, "可研", "2020-01-01", "2020-03-31"),        # done late in March: 3 months back, too old → none
        node(5, "立项", "2020-04-01", "2020-03-20"),        # done early → none
        node(6, "招标", "2020-07-30"),                      # due in 30 days → 蓝
        node(6, "开工", "2020-07-31"),                      # due in 31 days → none
        node(7, "招标", "2020-06-30"),                      # due today: not overdue, due in 0 days → 蓝
        node(8, "报建", "2020-02-15"),                      # 4 months, 136 days overdue → 红
        node(8, "招标", "2020-05-15"),                      # 1 month overdue → 黄
        node(8, "规划", "2019-06-01", "2019-05-20"),        # done on time → none
        node(18, "报建", "2020-03-15"),                     # 3 months overdue → 红
        node(19, "招标", "2020-07-10"),                     # due in 10 days → 蓝
        node(20, "开工", "2020-05-31"),                     # 1 month overdue → 黄, in 秀洲
    ])
    return data_root


def test_each_grade_and_reason(june):
    got = {r["project_code"][-2:]: (r["grade"], r["reasons"]) for r in run().iter_rows(named=True)}
    assert got == {
        "01": ("红", "节点‘报建’逾期3个月未完成"),
        "02": ("黄", "节点‘报建’逾期2个月未完成"),
        "03": ("黄", "节点‘招标’逾期10天未完成"),
        "04": ("黄", "节点‘可研’晚于计划2个月完成"),
        "06": ("蓝", "节点‘招标’将于2020-07-30到期"),
        "07": ("蓝", "节点‘招标’将于2020-06-30到期"),
        "08": ("红", "节点‘报建’逾期4个月未完成（共2个节点逾期未完成）"),
        "11": ("红", "本年完成投资为序时计划的52%"),
        "12": ("黄", "本年完成投资为序时计划的60%"),
        "14": ("黄", "本年完成投资为序时计划的79%"),
        "17": ("红", "本年完成投资为序时计划的0%"),
        "18": ("红", "节点‘报建’逾期3个月未完成；本年完成投资为序时计划的79%"),
        "19": ("红", "本年完成投资为序时计划的52%；节点‘招标’将于2020-07-10到期"),
        "20": ("黄", "节点‘开工’逾期1个月未完成"),
    }  # 05, 13, 15, 16: no warning


def test_signal_details_and_order(june):
    got = run()
    assert got["grade_order"].to_list() == sorted(got["grade_order"].to_list())  # 红 first
    p8 = got.filter(got["project_code"] == code(8)).row(0, named=True)
    assert (p8["node_grade"], p8["overdue_nodes"], p8["max_overdue_days"], p8["max_overdue_months"]) == ("红", 2, 136, 4)
    p18 = got.filter(got["project_code"] == code(18)).row(0, named=True)
    assert (p18["node_grade"], p18["investment_grade"], p18["signal_count"]) == ("红", "黄", 2)
    assert p18["investment_plan_to_date"] == pytest.approx(18200.0)
    assert p18["investment_ratio"] == pytest.approx(14559 / 18200)
    p17 = got.filter(got["project_code"] == code(17)).row(0, named=True)
    assert p17["investment_plan_to_date"] == pytest.approx(9100.0)
    p6 = got.filter(got["project_code"] == code(6)).row(0, named=True)
    assert (p6["due_soon_nodes"], p6["overdue_nodes"], p6["investment_grade"]) == (1, 0, None)


def test_counts_by_unit_and_grade(june, pinned_config):
    all_units = warnings_for("2020-06")
    assert warnings.grade_counts(all_units) == {"红": 6, "黄": 6, "蓝": 2}  # 01 08 11 17 18 19 / 02 03 04 12 14 20 / 06 07
    counts = warnings.warnings_by_unit(all_units, "city")
    assert counts.height == 27
    assert counts.filter(counts["projects"] > 0).select("unit_short", "grade", "projects").rows() == [
        ("南湖", "红", 6), ("南湖", "黄", 5), ("南湖", "蓝", 2), ("秀洲", "黄", 1)]
    only = warnings.warnings_by_unit(all_units, "xiuzhou")
    assert only.select("grade", "projects").rows() == [("红", 0), ("黄", 1), ("蓝", 0)]
    table = warnings.warning_table(warnings.warnings_of_unit(all_units, "xiuzhou"))
    assert table.select("预警等级", "项目名称", "县级主体", "预警原因").rows() == [
        ("黄", "测试项目20", "秀洲区", "节点‘开工’逾期1个月未完成")]


def test_thresholds_come_from_config(june, pinned_config):
    assert warnings.warning_params() == THRESHOLDS
    pinned_config.write_text(pinned_config.read_text().replace("node_red_months = 3", "node_red_months = 5"))
    config._load.cache_clear()
    assert warnings.warning_params()["node_red_months"] == 5
    got = {r["project_code"][-2:]: r["grade"] for r in warnings_for("2020-06").iter_rows(named=True)}
    assert got["01"] == "黄" and got["08"] == "黄"  # 3 and 4 months overdue are no longer 红


def test_real_config_documents_every_key_the_query_takes():
    section = config.section("warnings")
    wanted = queries.param_names(queries.sql_text("warnings__projects")) - {"month"}
    assert wanted == set(section)
    block = config.config_path().read_text(encoding="utf-8").split("[warnings]")[1].split("\n[")[0]
    comments = "\n".join(line for line in block.splitlines() if line.lstrip().startswith("#"))
    assert all(key in comments for key in section)  # every key is explained in a comment


def test_trend_counts_each_snapshot_of_the_year(data_root, pinned_config):
    # May: D = 2020-05-31. Node planned 2020-03-15 is 2 months overdue (黄); June: 3 months (红).
    # Project 2's node is due 2020-06-20: 蓝 in May (20 days ahead), 黄 in June (10 days overdue).
    nodes = [node(1, "报建", "2020-03-15"), node(2, "招标", "2020-06-20")]
    write(data_root, "2019-12", projects=[project(1)], nodes=nodes)   # another year: left out
    write(data_root, "2020-05", projects=[project(1), project(2)], nodes=nodes)
    write(data_root, "2020-06", projects=[project(1), project(2, "haining")], nodes=nodes)
    trend = oracles.warning_trend({m: warnings_for(m) for m in ["2020-05", "2020-06"]}, "city")
    assert trend.select("month", "grade", "projects").rows() == [
        ("2020-05", "红", 0), ("2020-05", "黄", 1), ("2020-05", "蓝", 1),
        ("2020-06", "红", 1), ("2020-06", "黄", 1), ("2020-06", "蓝", 0)]
    haining = oracles.warning_trend({m: warnings_for(m) for m in ["2020-05", "2020-06"]}, "haining")
    assert haining["projects"].to_list() == [0, 0, 0, 0, 1, 0]  # project 2 was in 南湖 in May
    fig = warnings.warning_trend_figure(trend)
    assert [t.name for t in fig.data] == ["红色预警", "黄色预警", "蓝色提醒"]
    assert list(fig.data[0].x) == ["5月", "6月"] and list(fig.data[0].y) == [0, 1]


def test_investment_signal_waits_min_days_elapsed_after_the_contract_start(data_root, pinned_config):
    # D = 2020-06-30. Nothing invested: 0% of plan, 红 once judged. 2020-06-01 is 29 days before D: not yet judged;
    # 2020-05-31 is 30 days before D (min_days_elapsed = 30): judged.
    def started(serial: int, contract_start: str) -> dict:
        return project(serial, total_investment=36600.0, contract_start_on=contract_start,
                       contract_completion_on="2020-12-31", investment_this_year=0.0)

    write(data_root, "2020-06", projects=[started(1, "2020-06-01"), started(2, "2020-05-31")])
    got = run()
    assert got.select("project_code", "grade", "reasons").rows() == [
        (code(2), "红", "本年完成投资为序时计划的0%")]
    assert "合同开工日期满30天才判断" in warnings.warning_definition()


def test_counts_and_shown_rows_in_sql(june, pinned_config):
    # issue 19 §6: the page's numbers and chart from warnings__by_unit, its table from warnings__list
    params = warnings.warning_params()
    counts = queries.run(warnings.WARNING_COUNTS_QUERY, month="2020-06", unit="city", **params)
    assert counts.select("unit_id", "grade", "projects").rows() == [
        ("nanhu", "红", 6), ("nanhu", "黄", 5), ("nanhu", "蓝", 2), ("xiuzhou", "黄", 1)]
    assert warnings.grade_totals(counts) == {"红": 6, "黄": 6, "蓝": 2}
    assert warnings.grade_totals(counts, ["蓝"]) == {"蓝": 2}
    whole = warnings_for("2020-06")
    assert warnings.warning_counts_by_unit(counts, "city").rows() == warnings.warnings_by_unit(whole, "city").rows()
    xiuzhou = queries.run(warnings.WARNING_COUNTS_QUERY, month="2020-06", unit="xiuzhou", **params)
    assert warnings.warning_counts_by_unit(xiuzhou, "xiuzhou").select("grade", "projects").rows() == [
        ("红", 0), ("黄", 1), ("蓝", 0)]

    def listed(unit="city", grades=(), limit=100):
        got = queries.run(warnings.WARNING_LIST_QUERY, month="2020-06", unit=unit, grades=list(grades), limit=limit,
                          **params)
        return [c[-2:] for c in got["project_code"]]

    assert listed(limit=4) == ["01", "08", "11", "17"]  # 红 first, the table's order
    assert listed(grades=["蓝", "黄"]) == ["02", "03", "04", "12", "14", "20", "06", "07"]
    assert listed(unit="xiuzhou") == ["20"] and listed(unit="xiuzhou", grades=["红"]) == []
    every = queries.run(warnings.WARNING_LIST_QUERY, month="2020-06", unit="city", grades=[], limit=None, **params)
    assert every.rows() == whole.rows()  # the export: the whole list, same columns and order
    with pytest.raises(Exception, match="预警阈值与派生时不同"):
        queries.run(warnings.WARNING_COUNTS_QUERY, month="2020-06", unit="city", **{**params, "investment_red": 0.5})
