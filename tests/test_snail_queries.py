"""蜗牛项目 queries on hand-made snapshots: the 6-month boundary, month-end clamping, type, lateness, changes."""
from __future__ import annotations

import datetime as dt

from cockpit import queries
from cockpit.views import snail_warnings as snails
from tests.helpers import project, write


def codes(frame) -> list[str]:
    return [c[-2:] for c in frame["project_code"]]


def test_six_month_boundary_type_and_lateness(data_root):
    # D = 2020-06-30.
    write(data_root, "2020-06", projects=[
        project(1, contract_start_on="2019-12-31"),                  # +6 months = 2020-06-30 = D: exactly 6 → 蜗牛
        project(2, contract_start_on="2020-01-01"),                  # +6 months = 2020-07-01: a day short → not
        project(3, started_on="2019-03-01", contract_completion_on="2019-06-15"),   # 竣工滞后, 12 months late
        project(4, contract_start_on="2018-01-01", contract_completion_on="2019-12-01",
                total_investment=600000.0),                          # late on both: 开工滞后, 29 months, 60亿 市领导
        project(5, "xiuzhou", contract_start_on="2019-06-30", started_on="2019-12-01",
                contract_completion_on="2019-12-30"),                # 竣工滞后 exactly 6 months, in 秀洲
        project(6, contract_start_on="2019-01-01", started_on="2019-02-01", completed_on="2020-01-01",
                contract_completion_on="2019-06-01"),                # completed (late, but done) → not
    ])
    got = queries.run("snail__projects", month="2020-06", unit="city")
    assert [(c, r["snail_type"], r["contract_on"], r["months_late"], r["lateness_band"])
            for c, r in zip(codes(got), got.iter_rows(named=True))] == [
        ("04", "开工滞后", dt.date(2018, 1, 1), 29, "24个月及以上"),   # 南湖 first, most late first
        ("03", "竣工滞后", dt.date(2019, 6, 15), 12, "12–24个月"),     # 12 → [12, 24)
        ("01", "开工滞后", dt.date(2019, 12, 31), 6, "6–12个月"),
        ("05", "竣工滞后", dt.date(2019, 12, 30), 6, "6–12个月"),
    ]
    first = got.row(0, named=True)
    assert first["total_investment_yi"] == 60.0 and first["leader_tier"] == "市领导"
    assert first["is_snail_start"] and first["is_snail_completion"]  # counted once, as 开工滞后
    assert codes(queries.run("snail__projects", month="2020-06", unit="xiuzhou")) == ["05"]
    assert snails.snail_type_counts(got) == {"开工滞后": 2, "竣工滞后": 2}
    table = snails.snail_table(got)
    assert table.columns == ["项目名称", "项目代码", "县级主体", "蜗牛类型", "合同日期", "滞后月数", "总投资（亿元）",
                             "联系领导"]
    assert table.row(0) == ("测试项目4", "2020-330402-07-02-000004", "南湖区", "开工滞后", dt.date(2018, 1, 1), 29,
                            60.0, "市领导")


def test_month_end_clamping(data_root):
    # 2019-08-31 + 6 months = 2020-02-29 (no 31 February): not 蜗牛 at 2020-01-31, 蜗牛 at 2020-02-29.
    write(data_root, "2020-01", projects=[project(1, contract_start_on="2019-08-31")])
    write(data_root, "2020-02", projects=[project(1, contract_start_on="2019-08-31")])
    assert queries.run("snail__projects", month="2020-01", unit="city").height == 0
    feb = queries.run("snail__projects", month="2020-02", unit="city")
    assert feb["months_late"].to_list() == [6]
    changes = queries.run("snail__changes", month="2020-02", unit="city")
    assert changes.select("change", "detail").rows() == [("新增", "开工滞后满6个月")]


def test_by_unit_counts_every_unit_by_band(data_root):
    write(data_root, "2020-06", projects=[
        project(1, contract_start_on="2019-12-01"),                  # 南湖 6–12
        project(2, contract_start_on="2019-01-01"),                  # 南湖 12–24 (17 months)
        project(3, contract_start_on="2019-02-01"),                  # 南湖 12–24 (16 months)
        project(4, "gangqu", contract_start_on="2017-01-01"),        # 港区 ≥24
    ])
    counts = snails.snails_by_unit(queries.run("snail__projects", month="2020-06", unit="city"), "city")
    assert counts.filter(counts["projects"].is_not_null()).select("unit_short", "lateness_band", "projects").rows() == [
        ("南湖", "6–12个月", 1), ("南湖", "12–24个月", 2), ("港区", "24个月及以上", 1)]
    assert counts["unit_short"].unique(maintain_order=True).to_list() == [
        "南湖", "秀洲", "嘉善", "海盐", "海宁", "平湖", "桐乡", "经开区", "港区"]  # units without 蜗牛 keep their bar slot
    fig = snails.snails_by_unit_figure(counts)
    assert [t.name for t in fig.data if t.type == "bar"] == ["滞后6–12个月", "滞后12–24个月", "滞后24个月及以上"]
    assert list(fig.data[-1].text) == ["3", "", "", "", "", "", "", "", "1"]  # totals above the stacks


def test_new_and_resolved_against_the_previous_snapshot(data_root):
    # May: D = 2020-05-31; June: D = 2020-06-30.
    may = [
        project(1, contract_start_on="2019-12-15"),                  # May: +6 = 06-15 > D → not; June → 蜗牛: 新增
        project(2, contract_start_on="2019-10-01"),                  # May 蜗牛 (7 months) …
        project(3, started_on="2019-01-01", contract_completion_on="2019-09-30"),   # May 蜗牛 竣工滞后 (8) …
        project(4, contract_start_on="2019-01-01"),                  # May 蜗牛 … gone in June
        project(6, contract_start_on="2019-01-01"),                  # 蜗牛 both months: no change
        project(7, contract_start_on="2019-10-01"),                  # May 蜗牛 … contract date moved in June
    ]
    june = [
        may[0],
        project(2, contract_start_on="2019-10-01", started_on="2020-06-05"),         # … started: 销号 已开工
        project(3, started_on="2019-01-01", contract_completion_on="2019-09-30",
                completed_on="2020-06-20"),                                          # … completed: 销号 已竣工
        project(5, "xiuzhou", contract_start_on="2019-01-01"),       # new to the library, already 蜗牛: 新增
        may[4],
        project(7, contract_start_on="2020-03-01"),                  # … 合同日期调整
    ]
    write(data_root, "2020-05", projects=may)
    write(data_root, "2020-06", projects=june)
    got = queries.run("snail__changes", month="2020-06", unit="city")
    assert [(c, r["change"], r["snail_type"], r["months_late"], r["detail"])
            for c, r in zip(codes(got), got.iter_rows(named=True))] == [
        ("01", "新增", "开工滞后", 6, "开工滞后满6个月"),
        ("05", "新增", "开工滞后", 17, "新入库即为蜗牛"),
        ("02", "销号", "开工滞后", 7, "已开工"),                       # lateness as of May
        ("03", "销号", "竣工滞后", 8, "已竣工"),
        ("04", "销号", "开工滞后", 16, "移出项目库"),
        ("07", "销号", "开工滞后", 7, "合同日期调整"),
    ]
    assert codes(queries.run("snail__changes", month="2020-06", unit="xiuzhou")) == ["05"]
    assert queries.run("snail__changes", month="2020-05", unit="city").height == 0  # no earlier snapshot


def test_counts_and_shown_rows_in_sql(data_root, monkeypatch):
    # issue 19 §6: the page's numbers and chart from snail__by_unit, its table from snail__list (limit, types)
    write(data_root, "2020-06", projects=[
        project(1, contract_start_on="2019-12-01"),                                  # 南湖 开工滞后 6–12 (6)
        project(2, contract_start_on="2019-01-01"),                                  # 南湖 开工滞后 12–24 (17)
        project(3, started_on="2019-01-01", contract_completion_on="2019-02-01"),   # 南湖 竣工滞后 12–24 (16)
        project(4, "gangqu", contract_start_on="2017-01-01"),                        # 港区 开工滞后 ≥24 (41)
        project(5, "gangqu", started_on="2019-01-01", contract_completion_on="2019-11-15"),  # 港区 竣工滞后 6–12 (7)
        project(6, contract_start_on="2020-03-01"),                                  # not 蜗牛
    ])
    city = {"month": "2020-06", "unit": "city"}
    counts = queries.run(snails.SNAIL_COUNTS_QUERY, **city)
    assert counts.select("unit_id", "lateness_band", "snail_type", "projects").rows() == [
        ("nanhu", "6–12个月", "开工滞后", 1), ("nanhu", "12–24个月", "开工滞后", 1),
        ("nanhu", "12–24个月", "竣工滞后", 1), ("gangqu", "6–12个月", "竣工滞后", 1),
        ("gangqu", "24个月及以上", "开工滞后", 1)]
    assert snails.snail_totals(counts) == 5 and snails.snail_totals(counts, ["竣工滞后"]) == 2
    assert snails.snail_type_totals(counts) == {"开工滞后": 3, "竣工滞后": 2}
    # the chart's frame equals the one grouped from the whole list
    whole = queries.run("snail__projects", **city)
    assert snails.snail_counts_by_unit(counts, "city").rows() == snails.snails_by_unit(whole, "city").rows()
    assert snails.snail_totals(queries.run(snails.SNAIL_COUNTS_QUERY, month="2020-06", unit="gangqu")) == 2

    listed = queries.run(snails.SNAIL_LIST_QUERY, **city, types=[], limit=3)
    assert codes(listed) == ["02", "03", "01"] and listed.columns == whole.columns  # the list's order, first 3
    assert listed.rows() == whole.head(3).rows()
    assert codes(queries.run(snails.SNAIL_LIST_QUERY, **city, types=["竣工滞后"], limit=10)) == ["03", "05"]
    assert codes(queries.run(snails.SNAIL_LIST_QUERY, month="2020-06", unit="gangqu", types=["开工滞后"],
                             limit=10)) == ["04"]
    assert queries.run(snails.SNAIL_LIST_QUERY, **city, types=[], limit=None).rows() == whole.rows()  # the export
