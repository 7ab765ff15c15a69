"""临期预警 (issue 19 §1) on hand-made snapshots: the day a project turns 蜗牛, the month windows and their
boundary days, parcels reaching 闲置 within 60 days, the 通报 blocks and the 需研究解决 items."""
from __future__ import annotations

import datetime as dt

import polars as pl

from cockpit import queries, report
from cockpit.views import snail_warnings as view
from tests.helpers import project, write


def codes(frame) -> list[str]:
    return [c[-2:] for c in frame["project_code"]]


def upcoming(month: str, unit: str = "city", horizon: int = 3):
    return queries.run("snail__upcoming", month=month, unit=unit, horizon_months=horizon)


def test_turning_day_and_month_windows(data_root):
    # D = 2020-06-30. Turning day = contract date + 6 months; window: D < day ≤ 2020-09-30 (3 months).
    write(data_root, "2020-06", projects=[
        project(1, contract_start_on="2019-12-31"),                  # turns 2020-06-30 = D: already 蜗牛, not upcoming
        project(2, contract_start_on="2020-01-01"),                  # turns 2020-07-01: first day of next month
        project(3, contract_start_on="2020-01-31"),                  # turns 2020-07-31: last day of next month
        project(4, contract_start_on="2020-02-01"),                  # turns 2020-08-01: month 2
        project(5, contract_start_on="2020-03-31"),                  # turns 2020-09-30: last day of month 3
        project(6, contract_start_on="2020-04-01"),                  # turns 2020-10-01: beyond the window
        project(7, contract_start_on="2020-01-15", started_on="2020-06-01",
                contract_completion_on="2020-02-29"),                # started; 竣工 +6 = 2020-08-29: 竣工滞后, month 2
        project(8, contract_start_on="2020-01-15", started_on="2020-05-01", completed_on="2020-06-01",
                contract_completion_on="2020-02-29"),                # completed: never
        project(9, "xiuzhou", contract_start_on="2020-03-15", contract_completion_on="2020-02-10",
                total_investment=150000.0),                          # earlier of the two: 竣工 +6 = 08-10, month 2
    ])
    got = upcoming("2020-06")
    assert [(c, r["turns_on"], r["months_ahead"], r["days_left"], r["snail_type"])
            for c, r in zip(codes(got), got.iter_rows(named=True))] == [
        ("02", dt.date(2020, 7, 1), 1, 1, "开工滞后"),
        ("03", dt.date(2020, 7, 31), 1, 31, "开工滞后"),
        ("04", dt.date(2020, 8, 1), 2, 32, "开工滞后"),
        ("07", dt.date(2020, 8, 29), 2, 60, "竣工滞后"),
        ("09", dt.date(2020, 8, 10), 2, 41, "竣工滞后"),
        ("05", dt.date(2020, 9, 30), 3, 92, "开工滞后"),
    ]
    assert codes(upcoming("2020-06", horizon=1)) == ["02", "03"]
    assert codes(upcoming("2020-06", unit="xiuzhou")) == ["09"]
    counts = view.upcoming_counts(got, "city", 3)
    assert counts.columns == ["县级主体", "下月将新增蜗牛（个）", "2个月内将新增蜗牛（个）", "3个月内将新增蜗牛（个）"]
    assert counts.row(0) == ("南湖区", 2, 4, 5) and counts.row(1) == ("秀洲区", 0, 1, 1)
    assert counts.row(counts.height - 1) == ("合计", 2, 5, 6)
    assert view.upcoming_headline(got, "2020-06") == "下月（2020年7月）将新增蜗牛项目2个（亿元以上2个），除非此前开工或竣工"
    assert view.upcoming_table(got).columns[:3] == ["转为蜗牛日期", "剩余天数", "项目名称"]


def test_month_end_clamping_of_the_turning_day(data_root):
    # 2020-08-31 + 6 months = 2021-02-28; at D = 2021-01-31 that is next month, day 28.
    write(data_root, "2021-01", projects=[project(1, contract_start_on="2020-08-31", signed_on="2020-01-10")])
    got = upcoming("2021-01")
    assert got.select("turns_on", "months_ahead", "days_left").row(0) == (dt.date(2021, 2, 28), 1, 28)


def test_idle_within_60_days(data_root):
    # D = 2020-06-30; idle on 合同开工日期 + 1 year with no start; listed when D < idle day ≤ D + 60 = 2020-08-29.
    def parcel(n: int, **fields) -> dict:
        return {"parcel_id": f"P{n}", "unit_id": "nanhu", "land_use": "工业用地", "area": 10.0 * n,
                "approved_on": "2019-01-01", "supplied_on": "2019-03-01", **fields}
    write(data_root, "2020-06", projects=[project(1)], land=[
        parcel(1, contract_start_on="2019-06-30"),                   # idle 2020-06-30 = D: idle already
        parcel(2, contract_start_on="2019-07-01", project_code="2020-330402-07-02-000001"),  # 2020-07-01: day 1
        parcel(3, contract_start_on="2019-08-29"),                   # 2020-08-29: day 60, in
        parcel(4, contract_start_on="2019-08-30"),                   # 2020-08-30: day 61, out
        parcel(5, contract_start_on="2019-07-15", started_on="2020-01-01"),  # started: never idle
    ])
    got = queries.run("idle__upcoming", month="2020-06", unit="city", days=60)
    assert got.select("parcel_id", "idle_on", "days_left").rows() == [
        ("P2", dt.date(2020, 7, 1), 1), ("P3", dt.date(2020, 8, 29), 60)]
    assert got["project_name"].to_list() == ["测试项目1", None]
    assert view.idle_upcoming_table(got).columns[:3] == ["满一年闲置日期", "剩余天数", "电子监管号"]


def test_briefing_blocks_and_decisions(data_root):
    write(data_root, "2020-06", projects=[
        project(1, contract_start_on="2020-01-05", total_investment=5000.0),                # 0.5亿: counted, not named
        project(2, contract_start_on="2020-01-20", total_investment=20000.0),               # 2亿: named
        project(3, "haining", contract_start_on="2020-01-10", total_investment=120000.0,    # 12亿: named, decision
                project_name="海宁大项目"),
        project(4, contract_start_on="2020-02-10", total_investment=300000.0),              # month 2: neither
    ])
    data = {"upcoming_snails": upcoming("2020-06")}
    blocks = view.upcoming_blocks(data, "2020-06", "city")
    assert isinstance(blocks[0], report.Heading)
    assert blocks[1] == report.Para("按合同约定日期测算，如不能按期开工或竣工，2020年7月将新增蜗牛项目3个，其中亿元以上2个。"
                                    "分地区看：南湖区2个，海宁市1个。")
    table = blocks[2]
    assert isinstance(table, report.Table)
    assert table.frame["项目名称"].to_list() == ["测试项目2", "海宁大项目"]
    assert table.frame["转为蜗牛日期"].to_list() == ["2020年7月20日", "2020年7月10日"]
    decisions = view.upcoming_decisions(data["upcoming_snails"], "city")
    assert [(d.topic, d.unit) for d in decisions] == [("临期蜗牛", "海宁")]
    assert decisions[0].text == "海宁大项目（12.00亿元，县主要领导联系）：如2020年7月10日前仍未开工，将列为蜗牛项目"
    assert view.upcoming_decisions(data["upcoming_snails"], "nanhu") == []
    empty = view.upcoming_blocks({"upcoming_snails": data["upcoming_snails"].filter(pl.lit(False))}, "2020-06",
                                 "city")
    assert empty[1] == report.Para("按合同约定日期测算，2020年7月无新增蜗牛项目。")


def test_year_trend_in_one_query_equals_the_per_month_lists(data_root):
    from cockpit.views.snail_warnings import TREND_QUERY, warning_params
    from tests.oracles import warning_trend
    from tests.test_warning_queries import node

    write(data_root, "2019-12", projects=[project(1)], nodes=[node(1, "报建", "2019-08-31")])  # last year: not in
    write(data_root, "2020-05", projects=[project(1), project(2, "xiuzhou")],
          nodes=[node(1, "报建", "2020-01-31"), node(2, "招标", "2020-05-20")])   # 红 (nanhu), 黄 (xiuzhou)
    write(data_root, "2020-06", projects=[project(1), project(2, "xiuzhou")],
          nodes=[node(1, "报建", "2020-01-31"), node(2, "招标", "2020-07-10")])   # 红, 蓝
    params = warning_params()
    for unit in ("city", "xiuzhou"):
        one = queries.run(TREND_QUERY, month="2020-06", unit=unit, **params)
        per_month = warning_trend({m: queries.run("warnings__projects", month=m, **params)
                                   for m in ("2020-05", "2020-06")}, unit)
        assert one.equals(per_month), unit
    city = queries.run(TREND_QUERY, month="2020-06", unit="city", **params)
    assert city.rows() == [("2020-05", "红", 1, 1), ("2020-05", "黄", 2, 1), ("2020-05", "蓝", 3, 0),
                           ("2020-06", "红", 1, 1), ("2020-06", "黄", 2, 0), ("2020-06", "蓝", 3, 1)]
    assert view.trend_grade_counts(city, "2020-05") == {"红": 1, "黄": 1, "蓝": 0}
    assert view.trend_grade_counts(city, "2019-12") is None
