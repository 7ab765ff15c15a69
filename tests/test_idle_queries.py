"""“五未”土地 queries on a hand-made two-month ledger: by unit, aging buckets, parcel list, month-over-month."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import idle_land as idle
from tests.helpers import project, write


def parcel(serial: int, unit: str = "nanhu", **fields) -> dict:
    row = {"parcel_id": f"P{serial}", "parcel_name": f"地块{serial}", "unit_id": unit, "land_use": "工业用地",
           "area": 100.0, "approved_on": "2018-01-15"}
    row.update(fields)
    return row


# June snapshot, D = 2020-06-30. idle_months = full months from idle_since to D.
JUNE = [
    parcel(1, area=10.0, approved_on="2020-01-15"),                         # 批而未供, 5 months: 不满6个月
    parcel(2, area=20.0, approved_on="2019-11-01", supplied_on="2020-06-10",
           project_code=project(1)["project_code"]),                        # 供而未用, 0 months: 不满6个月
    parcel(3, area=30.0, supplied_on="2019-05-01", started_on="2019-07-01",
           developed_area=10.0),                                            # 用而未尽, 20亩 idle, 11 months: 6–12
    parcel(4, "xiuzhou", area=40.0, supplied_on="2018-03-01", started_on="2018-05-01", developed_area=40.0,
           completed_on="2019-06-30"),                                      # 建而未投, 12 months: 12–24
    parcel(5, "xiuzhou", area=50.0, supplied_on="2017-03-01", started_on="2017-05-01", developed_area=50.0,
           completed_on="2018-03-01", production_on="2018-06-15"),          # 投而未达规, 24 months: ≥24
    parcel(6, "xiuzhou", area=5.0, approved_on="2018-07-01"),               # 批而未供, 23 months: 12–24
    parcel(7, area=8.0, supplied_on="2019-12-31"),                          # 供而未用, exactly 6 months: 6–12
    parcel(8, area=100.0, supplied_on="2017-03-01", started_on="2017-05-01", developed_area=100.0,
           completed_on="2018-03-01", production_on="2019-01-01",
           above_scale_on="2020-06-05"),                                    # 达规 in June: not idle
]
# May snapshot, D = 2020-05-31: P1 not yet in the ledger; P2 not yet supplied; P3 had developed only 5亩;
# P8 not yet 达规; P9 still in the ledger (gone in June).
MAY = [
    parcel(2, area=20.0, approved_on="2019-11-01"),                         # 批而未供 20
    {**JUNE[2], "developed_area": 5.0},                                     # 用而未尽 25
    JUNE[3], JUNE[4], JUNE[5], JUNE[6],                                     # 建而未投 40, 投而未达规 50, 批而未供 5, 供而未用 8
    {**JUNE[7], "above_scale_on": None},                                    # 投而未达规 100
    parcel(9, "xiuzhou", area=7.0, approved_on="2019-09-01"),               # 批而未供 7
]


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-05", land=MAY, projects=[project(1)])
    write(data_root, "2020-06", land=JUNE, projects=[project(1, project_name="嘉兴某智能装备项目")])
    return data_root


def cells(frame, *columns):
    return [tuple(r) for r in frame.select(columns).iter_rows()]


def test_by_unit_counts_each_category_now_and_last_month(ledger):
    got = queries.run("idle__by_unit", month="2020-06", unit="city")
    assert got.height == 9 * 5  # every unit × category
    nonzero = got.filter((got["parcels"] > 0) | (got["parcels_prev"] > 0))
    assert cells(nonzero, "unit_id", "category", "parcels", "idle_area", "parcels_prev", "idle_area_prev") == [
        ("nanhu", "批而未供", 1, 10.0, 1, 20.0),    # now P1; May P2
        ("nanhu", "供而未用", 2, 28.0, 1, 8.0),     # now P2 20 + P7 8; May P7
        ("nanhu", "用而未尽", 1, 20.0, 1, 25.0),    # P3: 30 − 10 now, 30 − 5 in May
        ("nanhu", "投而未达规", 0, 0.0, 1, 100.0),  # P8 reached 达规 in June
        ("xiuzhou", "批而未供", 1, 5.0, 2, 12.0),   # now P6; May P6 5 + P9 7
        ("xiuzhou", "建而未投", 1, 40.0, 1, 40.0),  # P4
        ("xiuzhou", "投而未达规", 1, 50.0, 1, 50.0),  # P5
    ]
    assert set(got["prev_month"]) == {"2020-05"}
    # Totals: now 10+28+20+5+40+50 = 153亩 in 7 parcels; May 20+8+25+100+12+40+50 = 255亩 in 8.
    assert idle.grand_total(got) == {"parcels": 7, "idle_area": 153.0, "parcels_prev": 8, "idle_area_prev": 255.0}


def test_by_unit_filters_the_unit_and_has_no_previous_in_the_first_month(ledger):
    got = queries.run("idle__by_unit", month="2020-05", unit="xiuzhou")
    assert set(got["unit_id"]) == {"xiuzhou"} and got.height == 5
    assert got["parcels"].sum() == 4  # P4, P5, P6, P9
    assert got["prev_month"].null_count() == 5 and got["parcels_prev"].null_count() == 5
    assert idle.grand_total(got)["idle_area_prev"] is None


def whole_list(month: str, unit: str):
    """Every idle parcel of the month and unit, enriched (the list the 通报's 附件 reads)."""
    return queries.run(idle.LIST_QUERY, month=month, unit=unit, **idle.whole_list_params())


def test_aging_buckets_at_their_edges(ledger):
    got = whole_list("2020-06", "city")
    by_id = {r["parcel_id"]: (r["idle_months"], r["aging_bucket"], r["aging_order"]) for r in got.iter_rows(named=True)}
    assert by_id == {
        "P1": (5, "不满6个月", 1),      # 2020-01-15 → 2020-06-30: 5 full months
        "P2": (0, "不满6个月", 1),      # supplied this month
        "P7": (6, "6–12个月", 2),       # 2019-12-31 → 2020-06-30: exactly 6 → [6, 12)
        "P3": (11, "6–12个月", 2),      # 2019-07-01 → 11 months
        "P4": (12, "12–24个月", 3),     # 2019-06-30 → exactly 12 → [12, 24)
        "P6": (23, "12–24个月", 3),     # 2018-07-01 → 23
        "P5": (24, "24个月及以上", 4),  # 2018-06-15 → 24 → [24, ∞)
    }
    aging = idle.aging(got)
    # 批而未供: P1 (<6, 10亩), P6 (12–24, 5亩); 供而未用: P2 (<6, 20), P7 (6–12, 8); 用而未尽 P3 (6–12, 20) …
    assert cells(aging, "category", "aging_bucket", "parcels", "idle_area") == [
        ("批而未供", "不满6个月", 1, 10.0), ("批而未供", "12–24个月", 1, 5.0),
        ("供而未用", "不满6个月", 1, 20.0), ("供而未用", "6–12个月", 1, 8.0),
        ("用而未尽", "6–12个月", 1, 20.0), ("建而未投", "12–24个月", 1, 40.0),
        ("投而未达规", "24个月及以上", 1, 50.0),
    ]


def test_parcel_list_links_the_project_and_last_month_category(ledger):
    got = whole_list("2020-06", "nanhu")
    assert got["parcel_id"].to_list() == ["P1", "P7", "P2", "P3"]  # category order, then longest stuck first
    p2 = got.filter(got["parcel_id"] == "P2").row(0, named=True)
    assert p2["project_name"] == "嘉兴某智能装备项目"  # from the June project snapshot, not May's
    assert p2["prev_category"] == "批而未供" and p2["category"] == "供而未用"
    p1 = got.filter(got["parcel_id"] == "P1").row(0, named=True)
    assert p1["prev_category"] is None and p1["project_name"] is None
    def filtered(*filters, **named):
        return queries.run(idle.LIST_QUERY, month="2020-06", unit="nanhu", limit=None,
                           **idle.list_params(*filters, **named))

    table = idle.parcel_table(filtered(["供而未用"], ["6–12个月"], 5.0))
    assert table["电子监管号"].to_list() == ["P7"]
    assert filtered(min_area=20.0)["parcel_id"].to_list() == ["P2", "P3"]  # idle 20, 20


def test_month_over_month_new_and_cleared(ledger):
    got = queries.run("idle__changes", base_month="", month="2020-06", unit="city")
    assert cells(got, "parcel_id", "category", "change", "detail", "idle_area") == [
        ("P1", "批而未供", "新增", "新入台账", 10.0),
        ("P2", "批而未供", "消除", "转入供而未用", 20.0),       # moved on: cleared from the old category …
        ("P9", "批而未供", "消除", "移出台账", 7.0),
        ("P2", "供而未用", "新增", "由批而未供转入", 20.0),      # … and new in the new one
        ("P8", "投而未达规", "消除", "退出“五未”", 100.0),
    ]  # P3 stays 用而未尽 (its area shrank): no change
    summary = idle.change_summary(got)
    # 批而未供 now 2 = May 3 + 1 new − 2 cleared.
    assert cells(summary, "category", "new_parcels", "new_area", "cleared_parcels", "cleared_area") == [
        ("批而未供", 1, 10.0, 2, 27.0), ("供而未用", 1, 20.0, 0, 0.0), ("用而未尽", 0, 0.0, 0, 0.0),
        ("建而未投", 0, 0.0, 0, 0.0), ("投而未达规", 0, 0.0, 1, 100.0),
    ]
    assert queries.run("idle__changes", base_month="", month="2020-06", unit="xiuzhou")["parcel_id"].to_list() == ["P9"]
    assert queries.run("idle__changes", base_month="", month="2020-05", unit="city").height == 0  # no earlier snapshot


def test_figures_carry_every_category(ledger):
    by_unit = queries.run("idle__by_unit", month="2020-06", unit="city")
    fig = idle.by_unit_figure(by_unit, "area")
    bars = {t.name: dict(zip(t.x, t.y)) for t in fig.data if t.type == "bar"}
    assert list(bars) == list(idle.CATEGORIES)
    assert bars["供而未用"]["南湖"] == 28.0 and bars["投而未达规"]["秀洲"] == 50.0
    change = idle.change_figure(idle.change_summary(queries.run("idle__changes", base_month="", month="2020-06", unit="city")))
    assert list(change.data[1].y) == [-27.0, 0.0, 0.0, 0.0, -100.0]


def test_aging_and_list_in_sql(ledger):
    # issue 19 §6: the aging chart by idle__aging, the list's shown rows by idle__list, its total by
    # idle__list_summary, the analyst's filters as parameters
    city = {"month": "2020-06", "unit": "city"}
    aging = queries.run(idle.AGING_QUERY, **city)
    assert aging.rows() == idle.aging(whole_list(**city)).rows()
    assert cells(aging, "category", "aging_bucket", "parcels", "idle_area")[:2] == [
        ("批而未供", "不满6个月", 1, 10.0), ("批而未供", "12–24个月", 1, 5.0)]
    assert idle.aging_buckets(aging) == ["不满6个月", "6–12个月", "12–24个月", "24个月及以上"]
    assert idle.aging_buckets(queries.run(idle.AGING_QUERY, month="2020-06", unit="nanhu")) == ["不满6个月", "6–12个月"]

    def listed(unit="city", limit=100, **filters):
        got = queries.run(idle.LIST_QUERY, month="2020-06", unit=unit, limit=limit, **idle.list_params(**filters))
        return got["parcel_id"].to_list()

    def summary(unit="city", **filters):
        got = queries.run(idle.LIST_SUMMARY_QUERY, month="2020-06", unit=unit, **idle.list_params(**filters))
        return got.row(0)

    assert listed() == ["P6", "P1", "P7", "P2", "P3", "P4", "P5"] and summary() == (7, 153.0)
    assert listed(limit=3) == ["P6", "P1", "P7"]  # the first rows in the list's order
    assert listed(categories=["供而未用"], buckets=["6–12个月"], min_area=5.0) == ["P7"]
    assert summary(categories=["供而未用"], buckets=["6–12个月"], min_area=5.0) == (1, 8.0)
    assert listed(min_area=20.0) == ["P2", "P3", "P4", "P5"] and summary(min_area=20.0) == (4, 130.0)
    assert listed(unit="xiuzhou", buckets=["12–24个月"]) == ["P6", "P4"] and summary(unit="xiuzhou") == (3, 95.0)
    assert listed(categories=["建而未投"], min_area=41.0) == [] and summary(categories=["建而未投"], min_area=41.0) == (
        0, 0.0)
    whole = whole_list(**city)
    assert whole["parcel_id"].to_list() == listed() and whole.height == summary()[0]
    # the page's first rows are the whole list's first rows, enriched alike (project name, last month's category)
    assert queries.run(idle.LIST_QUERY, **city, limit=4, **idle.list_params()).rows() == whole.head(4).rows()
    assert whole.filter(whole["parcel_id"] == "P2").select("project_name", "prev_category").row(0) == (
        "嘉兴某智能装备项目", "批而未供")
