"""Derived facts of the base views on hand-made fixtures: stage, tiers, leader tier, 蜗牛, 五未."""
from __future__ import annotations

import pytest

from cockpit import store
from tests.helpers import project, write


def rows(sql: str) -> list[tuple]:
    cursor = store.connection().cursor()
    return cursor.sql(sql).fetchall()


@pytest.fixture
def projects_2020_02(data_root):
    # Snapshot 2020-02, so D = 2020-02-29 (leap year).
    write(data_root, "2020-02", projects=[
        project(1, total_investment=9999.0),                                     # 亿元以下, 签约
        project(2, total_investment=10000.0, registered_on="2020-01-20"),        # 1亿 exactly: 1–10亿, 县领导, 注册
        project(3, total_investment=100000.0, land_supplied_on="2020-01-15",
                registered_on="2020-01-12"),                                     # 10亿: 10–50亿, 县主要领导, 供地
        project(4, total_investment=500000.0, started_on="2020-02-01"),          # 50亿: 50–100亿, 市领导, 开工
        project(5, total_investment=1000000.0, started_on="2020-01-01",
                completed_on="2020-02-01", production_on="2020-02-10"),          # 100亿: 百亿级, 专班, 投产
        project(6, production_on="2020-02-10", started_on="2020-01-01", completed_on="2020-02-01",
                above_scale_on="2020-02-20"),                                    # 达规
        project(7, started_on="2020-01-01", completed_on="2020-02-01", production_on="2020-02-10",
                above_scale_on="2020-02-20", full_capacity_on="2020-02-25"),     # 达产 beats 达规
    ])


def test_stage_is_the_furthest_step_reached(projects_2020_02):
    got = dict(rows("select project_name, stage from projects order by project_code"))
    assert got == {"测试项目1": "签约", "测试项目2": "注册", "测试项目3": "供地", "测试项目4": "开工",
                   "测试项目5": "投产", "测试项目6": "达规", "测试项目7": "达产"}


def test_size_and_leader_tiers_include_their_lower_bound(projects_2020_02):
    got = rows("select size_tier, leader_tier, needs_task_force, is_above_100m from projects "
               "where project_name in ('测试项目1','测试项目2','测试项目3','测试项目4','测试项目5') "
               "order by project_code")
    assert got == [
        ("亿元以下", "属地", False, False),
        ("1–10亿元", "县领导", False, True),
        ("10–50亿元", "县主要领导", False, True),
        ("50–100亿元", "市领导", False, True),
        ("百亿级", "市领导", True, True),
    ]


def test_snail_boundary_is_inclusive_at_six_months(data_root):
    # D = 2020-06-30. 6 months before D is 2019-12-30 (6 months after 2019-12-30 is 2020-06-30).
    write(data_root, "2020-06", projects=[
        project(1, contract_start_on="2019-12-30"),   # exactly 6 months -> 蜗牛
        project(2, contract_start_on="2019-12-31"),   # 6 months after is 2020-06-30: exactly -> 蜗牛
        project(3, contract_start_on="2020-01-01"),   # 6 months after is 2020-07-01 > D -> not
        project(4, contract_start_on="2019-01-01", started_on="2020-01-01"),   # started -> not (开工)
        project(5, started_on="2019-06-01", contract_completion_on="2019-12-30"),   # 竣工滞后 exactly -> 蜗牛
        project(6, started_on="2019-06-01", contract_completion_on="2020-01-01"),   # 1 day short -> not
    ])
    got = rows("select project_name, is_snail_start, is_snail_completion, is_snail from projects "
               "order by project_code")
    assert got == [
        ("测试项目1", True, False, True),
        ("测试项目2", True, False, True),
        ("测试项目3", False, False, False),
        ("测试项目4", False, False, False),
        ("测试项目5", False, True, True),
        ("测试项目6", False, False, False),
    ]


def test_snail_six_months_clamps_to_month_end(data_root):
    # 2019-08-31 + 6 months = 2020-02-29 (no Feb 31): 蜗牛 at the end of Feb 2020, not at the end of Jan.
    write(data_root, "2020-01", projects=[project(1, contract_start_on="2019-08-31")])
    write(data_root, "2020-02", projects=[project(1, contract_start_on="2019-08-31")])
    got = rows("select snapshot_month, is_snail from projects order by snapshot_month")
    assert got == [("2020-01", False), ("2020-02", True)]


def parcel(serial: int, **fields) -> dict:
    row = {"parcel_id": f"3304022020B{serial:05d}", "unit_id": "nanhu", "land_use": "工业用地",
           "area": 100.0, "approved_on": "2019-01-15"}
    row.update(fields)
    return row


def test_each_five_idle_category_with_since_and_age(data_root):
    # D = 2020-06-30. Every parcel is in one category or explicitly out (已达规 / 数据不全): issue 10 item 4.
    # Parcel 7 (started, 已开发面积 blank) was in no category before; it is now 用而未尽 for its whole area, flagged.
    # Parcel 8 (completed, 已开发面积 60 < 100) goes by its stage, 建而未投, not back to 用而未尽.
    # Parcel 9 has a 竣工日期 but no 开工日期 (only data written around the importer can): 数据不全, named.
    write(data_root, "2020-06", land=[
        parcel(1),                                                              # 批而未供 since 2019-01-15: 17 months
        parcel(2, supplied_on="2019-12-01"),                                    # 供而未用 since 2019-12-01: 6 months
        parcel(3, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=40.0),   # 用而未尽, 60亩 idle
        parcel(4, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=100.0,
               completed_on="2020-03-10"),                                      # 建而未投 since 2020-03-10: 3 months
        parcel(5, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=100.0,
               completed_on="2019-10-01", production_on="2019-11-01"),          # 投而未达规
        parcel(6, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=100.0,
               completed_on="2019-10-01", production_on="2019-11-01", above_scale_on="2020-05-01"),  # 已达规
        parcel(7, supplied_on="2019-03-01", started_on="2019-05-01"),           # 用而未尽, 已开发面积未填: 100亩
        parcel(8, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=60.0,
               completed_on="2020-01-20"),                                      # 建而未投 100亩 (not 用而未尽 40)
        parcel(9, supplied_on="2019-03-01", completed_on="2020-01-20"),         # 数据不全
    ])
    got = rows("select parcel_id[-1:], five_idle, idle_since, idle_months, idle_area, idle_status, "
               "developed_area_missing, data_gap from land order by parcel_id")
    import datetime as dt
    assert got == [
        ("1", "批而未供", dt.date(2019, 1, 15), 17, 100.0, "批而未供", False, None),
        ("2", "供而未用", dt.date(2019, 12, 1), 6, 100.0, "供而未用", False, None),
        ("3", "用而未尽", dt.date(2019, 5, 1), 13, 60.0, "用而未尽", False, None),
        ("4", "建而未投", dt.date(2020, 3, 10), 3, 100.0, "建而未投", False, None),
        ("5", "投而未达规", dt.date(2019, 11, 1), 7, 100.0, "投而未达规", False, None),
        ("6", None, None, None, None, "已达规", False, None),
        ("7", "用而未尽", dt.date(2019, 5, 1), 13, 100.0, "用而未尽", True, None),
        ("8", "建而未投", dt.date(2020, 1, 20), 5, 100.0, "建而未投", False, None),
        ("9", None, None, None, None, "数据不全", False, "有竣工日期，开工日期未填"),
    ]


def test_indicator_growth_and_target_units(data_root):
    write(data_root, "2020-03", indicators=[
        {"month": "2020-03", "unit_id": "nanhu", "indicator": "工业投资", "value_ytd": 230000.0,
         "value_prior_ytd": 200000.0, "measure_unit": "万元"},
        {"month": "2020-03", "unit_id": "xiuzhou", "indicator": "工业投资", "value_ytd": 1.0,
         "value_prior_ytd": 0.0, "measure_unit": "万元"},
    ])
    write(data_root, "2020", targets=[
        {"year": 2020, "unit_id": "city", "target": "工业投资", "target_value": 9000000.0, "measure_unit": "万元"},
    ])
    assert rows("select unit_id, round(growth, 4) from indicators order by unit_id") == [
        ("nanhu", 0.15), ("xiuzhou", None)]
    assert rows("select metric_key, metric_group, target_value from targets") == [
        ("industrial_investment", "总量", 9000000.0)]


def test_a_new_import_replaces_only_its_tables(data_root):
    write(data_root, "2020-03", projects=[project(1)], land=[parcel(1)])
    write(data_root, "2020-03", projects=[project(1), project(2)])
    assert rows("select count(*) from projects") == [(2,)]
    assert rows("select count(*) from land") == [(1,)]
    assert store.months() == ["2020-03"]
