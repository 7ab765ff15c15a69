"""Month-over-month facts derived at import (int__project_changes): 蜗牛 新增/销号 and stage moves against the previous
project snapshot, re-derived when either month is re-imported; on tiny hand-made imports."""
from __future__ import annotations

import polars as pl
import pytest

from cockpit import derive, queries, store
from tests.helpers import project, write

COLUMNS = ("project_code", "snail_change", "snail_type", "snail_detail", "move", "stage_before", "stage_now",
           "prev_month")


def changes(month: str) -> list[tuple]:
    """The derived rows of `month`, by project code's last digits."""
    rows = store.connection().sql(f"select {', '.join(COLUMNS)} from project_changes "
                                  f"where snapshot_month = '{month}' order by project_code").fetchall()
    return [(code[-2:], *rest) for code, *rest in rows]


def derived_generation(month: str) -> int:
    files = store.current_derived().filter((pl.col("table_name") == "project_changes") & (pl.col("period") == month))
    return files["generation"].item()


APRIL = [
    project(1, registered_on="2020-02-01"),                                  # 注册
    project(2, contract_start_on="2019-09-01"),                              # 蜗牛 from 2020-03 on
    project(3, contract_start_on="2019-11-15"),                              # +6 months = 2020-05-15: 蜗牛 in May
    project(4, "xiuzhou", signed_on="2019-03-01", contract_start_on="2019-01-01"),   # 蜗牛, leaves in May
]
MAY = [
    project(1, registered_on="2020-02-01", land_supplied_on="2020-05-10"),   # 注册 → 供地: 推进
    APRIL[1],                                                                # 蜗牛 both months: no row
    APRIL[2],                                                                # becomes 蜗牛: 新增
    project(5, "jiashan", signed_on="2020-05-20"),                           # signed in May: 新增 (stage)
]


def test_the_first_month_has_no_changes(data_root):
    write(data_root, "2020-04", projects=APRIL)
    assert derived_generation("2020-04") == 1
    assert changes("2020-04") == []  # nothing to compare with: 蜗牛 2 and 4 are not 新增
    assert queries.run("snail__changes", month="2020-04", unit="city").is_empty()
    assert queries.run("pipeline__stage_moves", month="2020-04", previous_month="2020-03", unit="city").is_empty()


def test_a_stage_move_a_new_snail_and_a_project_leaving(data_root):
    write(data_root, "2020-04", projects=APRIL)
    write(data_root, "2020-05", projects=MAY)
    assert changes("2020-05") == [
        ("01", None, None, None, "推进", "注册", "供地", "2020-04"),
        ("03", "新增", "开工滞后", "开工滞后满6个月", None, "签约", "签约", "2020-04"),  # same stage: no move
        ("04", "销号", "开工滞后", "移出项目库", "移出", "签约", None, "2020-04"),   # both facts on one row
        ("05", None, None, None, "新增", None, "签约", "2020-04"),
    ]
    snails = queries.run("snail__changes", month="2020-05", unit="city")
    assert snails.select("change", "detail", "unit_name", "prev_month").rows() == [
        ("新增", "开工滞后满6个月", "南湖区", "2020-04"), ("销号", "移出项目库", "秀洲区", "2020-04")]
    moves = queries.run("pipeline__stage_moves", month="2020-05", previous_month="2020-04", unit="city")
    assert moves.select("move", "stage_before", "stage_now", "unit_id").rows() == [
        ("推进", "注册", "供地", "nanhu"), ("新增", None, "签约", "jiashan"), ("移出", "签约", None, "xiuzhou")]
    assert queries.run("pipeline__stage_moves", month="2020-05", previous_month="2020-04",
                       unit="xiuzhou")["move"].to_list() == ["移出"]


def test_re_importing_a_middle_month_re_derives_the_next_months_changes(data_root):
    write(data_root, "2020-04", projects=APRIL)
    write(data_root, "2020-05", projects=MAY)
    write(data_root, "2020-06", projects=MAY)  # June as May: nothing changed
    assert changes("2020-06") == []
    # May again, now with project 1 back at 注册 and project 3 started: June compares with the new May
    write(data_root, "2020-05", projects=[project(1, registered_on="2020-02-01"),
                                          project(3, contract_start_on="2019-11-15", started_on="2020-05-30"),
                                          *MAY[1:2], *MAY[3:]])
    assert (derived_generation("2020-04"), derived_generation("2020-05"), derived_generation("2020-06")) == (1, 4, 4)
    assert [row[:5] for row in changes("2020-05")] == [("03", None, None, None, "推进"),   # started: 开工
                                                      ("04", "销号", "开工滞后", "移出项目库", "移出"),
                                                      ("05", None, None, None, "新增")]
    assert [row[:5] for row in changes("2020-06")] == [
        ("01", None, None, None, "推进"),                         # 注册 (new May) → 供地 (June)
        ("03", "新增", "开工滞后", "开工滞后满6个月", "回退")]      # started in the new May, not in June's rows
    # a month between two others, imported last, becomes the later one's comparison month
    write(data_root, "2020-08", projects=MAY)
    write(data_root, "2020-07", projects=[project(5, "jiashan", signed_on="2020-05-20")])
    assert changes("2020-08")[0][-1] == "2020-07" and derived_generation("2020-08") == 6
    assert {row[0] for row in changes("2020-08")} == {"01", "02", "03"}  # listed again: 新入库


def test_a_month_without_projects_compares_with_the_newest_earlier_project_snapshot(data_root):
    land = [{"parcel_id": "P1", "unit_id": "nanhu", "land_use": "工业用地", "area": 10.0, "approved_on": "2019-01-01"}]
    write(data_root, "2020-04", projects=APRIL)
    write(data_root, "2020-05", land=land)  # 土地 only: its changes say every project left (as the query did)
    write(data_root, "2020-06", projects=MAY)
    assert {row[4] for row in changes("2020-05")} == {"移出"}
    assert changes("2020-06")[0][-1] == "2020-04"  # not May, which has no 项目库
    assert queries.run("snail__changes", month="2020-06", unit="city")["prev_month"].unique().to_list() == ["2020-04"]
    # the page passes the newest earlier snapshot of any table (May): no project snapshot there, so no rows, as
    # before; against April (the derived comparison) the moves are there
    assert queries.run("pipeline__stage_moves", month="2020-06", previous_month="2020-05", unit="city").is_empty()
    assert queries.run("pipeline__stage_moves", month="2020-06", previous_month="2020-04",
                       unit="city")["move"].to_list() == ["推进", "新增", "移出"]


def test_any_other_comparison_month_joins_the_two_months_by_the_same_rules(data_root):
    write(data_root, "2020-04", projects=APRIL)
    write(data_root, "2020-05", projects=MAY)
    june = [project(1, registered_on="2020-02-01", land_supplied_on="2020-05-10", started_on="2020-06-01"), *MAY[1:]]
    write(data_root, "2020-06", projects=june)
    derived = queries.run("pipeline__stage_moves", month="2020-06", previous_month="2020-05", unit="city")
    assert derived.select("move", "stage_before", "stage_now").rows() == [("推进", "供地", "开工")]
    # June against April (two months back): not derived, joined here
    joined = queries.run("pipeline__stage_moves", month="2020-06", previous_month="2020-04", unit="city")
    assert joined.select("move", "stage_before", "stage_now", "unit_id").rows() == [
        ("推进", "注册", "开工", "nanhu"), ("新增", None, "签约", "jiashan"), ("移出", "签约", None, "xiuzhou")]
    # both branches give the same columns, in the same order and types
    assert derived.schema == joined.schema


def test_a_previous_input_must_be_a_derived_input_of_the_spec():
    with pytest.raises(ValueError, match="previous"):
        derive.Derived("x", ("project_facts",), "x", "x", "x", previous=("node_facts",))
    with pytest.raises(ValueError, match="previous"):
        derive.Derived("x", ("projects",), "x", "x", "x", previous=("projects",))  # a source table
