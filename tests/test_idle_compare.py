"""“五未” against any earlier month (idle__changes with a $base_month) and the 12-month trend (idle__trend), on
the hand-made ledger of tests/test_idle_queries.py with an April snapshot in front of it."""
from __future__ import annotations

import pytest
from polars.testing import assert_frame_equal

from cockpit import queries
from cockpit.views import idle_land as idle
from tests.helpers import choose_tab, project, record_downloads, run_page, write
from tests.test_idle_queries import JUNE, MAY, parcel

# April: only two parcels, both 批而未供 (P2 20亩, P9 7亩).
APRIL = [parcel(2, area=20.0, approved_on="2019-11-01"), parcel(9, "xiuzhou", area=7.0, approved_on="2019-09-01")]


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-04", land=APRIL, projects=[project(1)])
    write(data_root, "2020-05", land=MAY, projects=[project(1)])
    write(data_root, "2020-06", land=JUNE, projects=[project(1, project_name="嘉兴某智能装备项目")])
    return data_root


def test_against_the_previous_month_it_is_the_month_over_month_change(ledger):
    between = queries.run("idle__changes", month="2020-06", base_month="2020-05", unit="city")
    assert_frame_equal(between, queries.run("idle__changes", base_month="", month="2020-06", unit="city"))
    assert between.height == 5


def test_against_two_months_earlier(ledger):
    got = queries.run("idle__changes", month="2020-06", base_month="2020-04", unit="city")
    assert sorted(zip(got["change"], got["category"], got["parcel_id"], got["detail"], got["idle_area"])) == [
        ("新增", "供而未用", "P2", "由批而未供转入", 20.0),
        ("新增", "供而未用", "P7", "新入台账", 8.0),
        ("新增", "建而未投", "P4", "新入台账", 40.0),
        ("新增", "批而未供", "P1", "新入台账", 10.0),
        ("新增", "批而未供", "P6", "新入台账", 5.0),
        ("新增", "投而未达规", "P5", "新入台账", 50.0),
        ("新增", "用而未尽", "P3", "新入台账", 20.0),
        ("消除", "批而未供", "P2", "转入供而未用", 20.0),
        ("消除", "批而未供", "P9", "移出台账", 7.0),
    ]
    assert set(got["prev_month"]) == {"2020-04"}
    summary = idle.change_summary(got)
    assert summary.filter(summary["category"] == "批而未供").row(0, named=True) | {} == {
        "category": "批而未供", "category_order": 1, "new_parcels": 2, "new_area": 15.0, "cleared_parcels": 2,
        "cleared_area": 27.0}
    xiuzhou = queries.run("idle__changes", month="2020-06", base_month="2020-04", unit="xiuzhou")
    assert sorted(xiuzhou["parcel_id"]) == ["P4", "P5", "P6", "P9"]


def test_no_rows_without_an_earlier_snapshot_of_that_month(ledger):
    for base in ("2020-03", "2020-06", "2020-07"):  # no snapshot; the month itself; a later month
        assert queries.run("idle__changes", month="2020-06", base_month=base, unit="city").is_empty()


def test_trend_of_the_last_snapshots(ledger):
    trend = queries.run("idle__trend", month="2020-06", unit="city")
    assert trend.height == 3 * 5  # every month × category, zeros included
    cells = {(r["snapshot_month"], r["category"]): (r["parcels"], r["idle_area"]) for r in trend.iter_rows(named=True)}
    assert cells[("2020-04", "批而未供")] == (2, 27.0) and cells[("2020-04", "供而未用")] == (0, 0.0)
    assert cells[("2020-05", "批而未供")] == (3, 32.0)  # P2 20 + P6 5 + P9 7
    assert cells[("2020-05", "投而未达规")] == (2, 150.0)  # P5 50 + P8 100
    assert cells[("2020-06", "供而未用")] == (2, 28.0)  # P2 20 + P7 8
    assert cells[("2020-06", "投而未达规")] == (1, 50.0)
    may = queries.run("idle__trend", month="2020-05", unit="xiuzhou")
    assert sorted(set(may["snapshot_month"])) == ["2020-04", "2020-05"]  # nothing after the chosen month
    assert may.filter(may["snapshot_month"] == "2020-04")["idle_area"].sum() == 7.0  # P9 only
    bars = {t.name: list(t.y) for t in idle.trend_figure(trend).data if t.type == "bar"}
    assert bars["批而未供"] == [27.0, 32.0, 15.0]


def test_trend_keeps_twelve_snapshots(data_root):
    for month in range(1, 13):
        write(data_root, f"2020-{month:02d}", land=[parcel(1, area=float(month), approved_on="2019-01-01")])
    write(data_root, "2021-01", land=[parcel(1, area=13.0, approved_on="2019-01-01")])
    trend = queries.run("idle__trend", month="2021-01", unit="city")
    approved = trend.filter(trend["category"] == "批而未供").sort("snapshot_month")
    assert approved["snapshot_month"].to_list() == [f"2020-{m:02d}" for m in range(2, 13)] + ["2021-01"]
    assert approved["idle_area"].to_list() == [float(m) for m in range(2, 14)]


def test_page_compares_with_the_chosen_month(ledger, monkeypatch):
    downloads = record_downloads(monkeypatch)
    at = choose_tab(run_page("idle_land.py", "2020-06"), "idle_tab", "环比变化")
    assert at.selectbox(key="idle_base_month").value == "2020-05"
    at.selectbox(key="idle_base_month").set_value("2020-04").run()
    changes = next(d.value for d in at.dataframe if list(d.value.columns[:2]) == ["变化", "“五未”类别"])
    assert sorted(zip(changes["变化"], changes["电子监管号"])) == [
        ("新增", "P1"), ("新增", "P2"), ("新增", "P3"), ("新增", "P4"), ("新增", "P5"), ("新增", "P6"),
        ("新增", "P7"), ("消除", "P2"), ("消除", "P9")]
    assert "五未土地变化清单_全市_2020-04_2020-06.xlsx" in [name for name, _ in downloads]
