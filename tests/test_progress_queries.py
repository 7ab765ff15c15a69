"""queries/progress__by_metric.sql on a hand-made ledger: every counting rule, 完成率, 序时进度, gap, 同比, status,
the 全市 reconciliation, the trend and the unit requirement matrix (cockpit/views/target_progress.py)."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import target_progress as progress
from tests.helpers import project, write

WAN = 10000.0  # 1亿元 = 10000万元


def parcel(pid: str, unit: str, area: float, supplied_on: str | None) -> dict:
    return {"parcel_id": pid, "unit_id": unit, "land_use": "工业用地", "area": area, "approved_on": "2019-01-01",
            "supplied_on": supplied_on}


def indicator(month: str, unit: str, value: float, prior: float | None = None, name: str = "工业投资") -> dict:
    return {"month": month, "unit_id": unit, "indicator": name, "value_ytd": value, "value_prior_ytd": prior,
            "measure_unit": "万元"}


def target(unit: str, name: str, value: float, measure: str) -> dict:
    return {"year": 2020, "unit_id": unit, "target": name, "target_value": value, "measure_unit": measure}


TARGETS = [
    target("city", "工业投资", 900 * WAN, "万元"),             # 900亿元
    target("nanhu", "工业投资", 120 * WAN, "万元"),            # 120亿元
    target("nanhu", "亿元以上项目开工", 12, "个"),
    target("nanhu", "签约项目注册率", 80, "%"),
    target("nanhu", "工业投资增长", 15, "%"),
    target("nanhu", "引进亿元以上产业项目", 8, "个"),
    target("nanhu", "新供产业用地", 600, "亩"),
    target("xiuzhou", "工业投资", 100 * WAN, "万元"),          # 100亿元
]

# June 2020 snapshot, D = 2020-06-30.
JUNE_PROJECTS = [
    # nanhu
    project(1, total_investment=20000.0, signed_on="2020-01-10", registered_on="2020-02-01",
            started_on="2020-03-01"),                         # 2亿, signed, registered, started
    project(2, total_investment=1200000.0, signed_on="2020-05-01"),  # 120亿: 百亿级, 超亿美元; not registered
    project(3, total_investment=9000.0, signed_on="2020-02-01", registered_on="2020-03-01"),  # 0.9亿: signed only
    project(4, total_investment=50000.0, signed_on="2019-06-01", started_on="2020-04-10", completed_on="2020-06-30",
            production_on="2020-06-30"),                      # last year's: start, completion, production in 2020
    project(5, total_investment=30000.0, signed_on="2019-01-01", started_on="2018-05-01",
            production_on="2020-02-01", above_scale_on="2020-05-01"),  # production + 达规 in 2020
    project(6, total_investment=30000.0, signed_on="2019-12-31", started_on="2019-12-31"),  # all in 2019
    project(7, total_investment=500000.0, signed_on="2020-06-30", registered_on="2020-06-30"),  # 50亿 on D
    project(8, total_investment=8000.0, signed_on="2018-01-01", completed_on="2020-01-15",
            full_capacity_on="2020-06-01"),                   # 0.8亿: 达产 counts, completion does not
    # xiuzhou
    project(11, "xiuzhou", total_investment=100000.0, signed_on="2020-03-15", registered_on="2020-04-01",
            is_fortune500=True, foreign_investment=500.0),    # 10亿 (10–50 lower bound), 500强 with 外资 500万美元
    project(12, "xiuzhou", total_investment=99999.0, signed_on="2020-04-01"),  # 9.9999亿 ≥ 7亿 but no 外资
]
JUNE_LAND = [
    parcel("L1", "nanhu", 300.0, "2020-02-01"),
    parcel("L2", "nanhu", 100.0, "2019-12-31"),               # supplied last year
    parcel("L3", "xiuzhou", 50.0, "2020-06-30"),              # supplied on D
    parcel("L4", "nanhu", 80.0, None),
]
JUNE_INDICATORS = [
    indicator("2020-06", "nanhu", 54 * WAN, 50 * WAN),
    indicator("2020-06", "xiuzhou", 40 * WAN),                # no 上年同期: falls back to the 2019-06 snapshot
    indicator("2020-06", "city", 95 * WAN, 85 * WAN),         # supplied 全市 figure, ≠ 54 + 40
]
# March 2020 snapshot, D = 2020-03-31.
MARCH_PROJECTS = [
    project(1, total_investment=20000.0, signed_on="2020-01-10", registered_on="2020-02-01", started_on="2020-03-01"),
    project(3, total_investment=9000.0, signed_on="2020-02-01", registered_on="2020-03-01"),
    project(5, total_investment=30000.0, signed_on="2019-01-01", started_on="2018-05-01", production_on="2020-02-01"),
    project(11, "xiuzhou", total_investment=100000.0, signed_on="2020-03-15", is_fortune500=True),
]
MARCH_LAND = [parcel("L1", "nanhu", 300.0, "2020-02-01"), parcel("L4", "nanhu", 80.0, None)]
MARCH_INDICATORS = [
    indicator("2020-03", "nanhu", 25 * WAN, 24 * WAN),
    indicator("2020-03", "xiuzhou", 30 * WAN, 20 * WAN),      # no 全市 row: 全市 = 55, 上年 44
]
# June 2019 snapshot: last year's same month.
LAST_JUNE_PROJECTS = [project(21, total_investment=20000.0, signed_on="2019-01-01", started_on="2019-05-01")]
LAST_JUNE_INDICATORS = [indicator("2019-06", "nanhu", 48 * WAN), indicator("2019-06", "xiuzhou", 32 * WAN)]


def build_ledger(root) -> None:
    write(root, "2020", targets=TARGETS)
    write(root, "2019-06", projects=LAST_JUNE_PROJECTS, indicators=LAST_JUNE_INDICATORS)
    write(root, "2020-03", projects=MARCH_PROJECTS, land=MARCH_LAND, indicators=MARCH_INDICATORS)
    write(root, "2020-06", projects=JUNE_PROJECTS, land=JUNE_LAND, indicators=JUNE_INDICATORS)


@pytest.fixture
def ledger(data_root):
    build_ledger(data_root)
    return data_root


def run(month: str):
    return queries.run("progress__by_metric", month=month, **progress.status_params())


def cell(rows, month, unit, key, column="value"):
    picked = rows.filter((rows["snapshot_month"] == month) & (rows["unit_id"] == unit) & (rows["metric_key"] == key))
    assert picked.height == 1, (month, unit, key)
    return picked[column][0]


def test_grain_covers_every_unit_metric_and_month_of_this_and_last_year(ledger):
    rows = run("2020-06")
    # months 2019-06, 2020-03, 2020-06 × (9 units + 全市) × 23 metrics
    assert sorted(rows["snapshot_month"].unique()) == ["2019-06", "2020-03", "2020-06"]
    assert rows.height == 3 * 10 * 23
    assert rows.select("snapshot_month", "unit_id", "metric_key").is_unique().all()
    assert sorted(run("2020-03")["snapshot_month"].unique()) == ["2019-06", "2020-03"]  # nothing after $month


def test_project_counting_rules_june(ledger):
    rows = run("2020-06")
    expected_nanhu = {
        "projects_above_100m": 3,     # P1 (2亿), P2, P7; P3 is 0.9亿; P4–P6, P8 signed before 2020
        "major_foreign_projects": 0,  # P2 120亿 and P7 50亿 ≥ 7亿元 (1亿美元 × 7.0) but domestic: not counted
        "projects_10b": 1,            # P2
        "projects_5b_10b": 1,         # P7, exactly 50亿 (lower bound included), signed on D
        "projects_1b_5b": 0,
        "starts": 2,                  # P1 2020-03-01, P4 2020-04-10; P6 started 2019
        "completions": 1,             # P4 on D; P8 is below 1亿
        "productions": 2,             # P4 on D, P5 2020-02-01
        "new_above_scale": 1,         # P5: 投产 and 达规 in 2020
        "new_full_capacity": 1,       # P8: 竣工 and 达产 in 2020 (no size rule)
        "registration_rate": 75.0,    # signed in 2020: P1, P2, P3, P7; registered: P1, P3, P7 → 3/4
        "new_industrial_land": 300.0,  # L1; L2 supplied 2019, L4 not supplied
    }
    for key, value in expected_nanhu.items():
        assert cell(rows, "2020-06", "nanhu", key) == value, key
    assert (cell(rows, "2020-06", "nanhu", "registration_rate", "numerator"),
            cell(rows, "2020-06", "nanhu", "registration_rate", "denominator")) == (3, 4)
    expected_xiuzhou = {
        "projects_above_100m": 2,     # X11 10亿, X12 9.9999亿
        "major_foreign_projects": 1,  # X11 500强 with 外资; X12 99999万元 ≥ 70000万元 but domestic
        "projects_1b_5b": 1,          # X11 exactly 10亿
        "projects_10b": 0,
        "registration_rate": 50.0,    # X11 registered, X12 not
        "new_industrial_land": 50.0,  # L3 supplied on D
        "starts": 0,
    }
    for key, value in expected_xiuzhou.items():
        assert cell(rows, "2020-06", "xiuzhou", key) == value, key
    # 全市 counts every project and parcel; the rate is 4 registered of 6 signed, not a mean of rates.
    assert cell(rows, "2020-06", "city", "projects_above_100m") == 5
    assert cell(rows, "2020-06", "city", "registration_rate") == pytest.approx(400 / 6)
    assert cell(rows, "2020-06", "city", "new_industrial_land") == 350.0
    # A unit without projects counts 0, not null.
    assert cell(rows, "2020-06", "haining", "starts") == 0


def test_counting_rules_march_use_the_march_snapshot(ledger):
    rows = run("2020-06")
    assert cell(rows, "2020-03", "nanhu", "starts") == 1               # P1
    assert cell(rows, "2020-03", "nanhu", "productions") == 1          # P5 (3亿) produced 2020-02-01
    assert cell(rows, "2020-03", "nanhu", "new_above_scale") == 0      # P5 reached 达规 only in May
    assert cell(rows, "2020-03", "nanhu", "registration_rate") == 100.0  # P1, P3 signed and registered
    assert cell(rows, "2020-03", "xiuzhou", "registration_rate") == 0.0  # X11 signed, not yet registered
    assert cell(rows, "2020-03", "nanhu", "new_industrial_land") == 300.0
    # a unit with no project signed this year has no rate (0 of 0), not 0%
    assert cell(rows, "2020-03", "haining", "registration_rate") is None


def test_cumulative_indicator_completion_pace_gap_and_growth(ledger):
    rows = run("2020-06")
    row = rows.filter((rows["snapshot_month"] == "2020-06") & (rows["unit_id"] == "nanhu")
                      & (rows["metric_key"] == "industrial_investment")).row(0, named=True)
    # 工业投资 nanhu: 54亿 of 120亿 → 完成率 45%; 序时进度 6/12 = 50%; 45% ÷ 50% = 0.9 → 落后 (0.8 ≤ 0.9 < 1)
    assert row["value"] == 540000 and row["target"] == 1200000
    assert row["completion"] == pytest.approx(0.45)
    assert row["pace"] == pytest.approx(0.5)
    assert row["pace_ratio"] == pytest.approx(0.9)
    assert row["status"] == "落后"
    # 差序时 = 120 × 50% − 54 = 6亿; 剩余月均 = (120 − 54) ÷ 6 = 11亿
    assert row["pace_gap"] == pytest.approx(60000)
    assert row["needed_per_month"] == pytest.approx(110000)
    # 同比 = 54 ÷ 50 − 1 = 8% (上年同期 reported, preferred to last year's snapshot of 48)
    assert row["prior_value"] == 500000 and row["growth"] == pytest.approx(8.0)
    assert row["display_factor"] == 10000 and row["unit"] == "亿元"
    # xiuzhou: 40 of 100 → 40%, 0.8 of pace: exactly far_behind → still 落后; 上年 from the 2019-06 snapshot
    assert cell(rows, "2020-06", "xiuzhou", "industrial_investment", "completion") == pytest.approx(0.4)
    assert cell(rows, "2020-06", "xiuzhou", "industrial_investment", "status") == "落后"
    assert cell(rows, "2020-06", "xiuzhou", "industrial_investment", "prior_value") == 320000
    assert cell(rows, "2020-06", "xiuzhou", "industrial_investment", "growth") == pytest.approx(25.0)


def test_count_rate_and_growth_metrics_against_their_targets(ledger):
    rows = run("2020-06")
    # 开工 nanhu: 2 of 12 → 16.7%; ÷ 50% = 0.333 → 严重落后; 差序时 6 − 2 = 4个; 月均 (12 − 2) ÷ 6 = 1.667个
    assert cell(rows, "2020-06", "nanhu", "starts", "completion") == pytest.approx(2 / 12)
    assert cell(rows, "2020-06", "nanhu", "starts", "pace_ratio") == pytest.approx(1 / 3)
    assert cell(rows, "2020-06", "nanhu", "starts", "status") == "严重落后"
    assert cell(rows, "2020-06", "nanhu", "starts", "pace_gap") == pytest.approx(4)
    assert cell(rows, "2020-06", "nanhu", "starts", "needed_per_month") == pytest.approx(10 / 6)
    # 同比 of a computed count: last June's snapshot had 1 start in nanhu → 2 ÷ 1 − 1 = 100%
    assert cell(rows, "2020-06", "nanhu", "starts", "prior_value") == 1
    assert cell(rows, "2020-06", "nanhu", "starts", "growth") == pytest.approx(100.0)
    # 新供产业用地: 300 of 600亩 = 50% = 序时 → 达序时 (on_pace bound included); no land snapshot last June → no 同比
    assert cell(rows, "2020-06", "nanhu", "new_industrial_land", "status") == "达序时"
    assert cell(rows, "2020-06", "nanhu", "new_industrial_land", "prior_value") is None
    # 注册率 75% vs 80%: 5 points short (≤ 10) → 落后; ratio 75 ÷ 80
    assert cell(rows, "2020-06", "nanhu", "registration_rate", "pace_gap") == pytest.approx(5.0)
    assert cell(rows, "2020-06", "nanhu", "registration_rate", "pace_ratio") == pytest.approx(0.9375)
    assert cell(rows, "2020-06", "nanhu", "registration_rate", "status") == "落后"
    # 工业投资增长 8% vs 15%: 7 points short → 落后; ratio (100 + 8) ÷ (100 + 15)
    assert cell(rows, "2020-06", "nanhu", "industrial_investment_growth") == pytest.approx(8.0)
    assert cell(rows, "2020-06", "nanhu", "industrial_investment_growth", "pace_ratio") == pytest.approx(108 / 115)
    assert cell(rows, "2020-06", "nanhu", "industrial_investment_growth", "status") == "落后"
    # no target → no status, no completion
    assert cell(rows, "2020-06", "nanhu", "completions", "status") is None
    assert cell(rows, "2020-06", "nanhu", "completions", "completion") is None


def test_city_uses_the_supplied_figure_and_shows_the_units_sum(ledger):
    rows = run("2020-06")
    # June: 全市 supplied 95亿 (上年 85亿); the two reporting units sum to 54 + 40 = 94亿
    assert cell(rows, "2020-06", "city", "industrial_investment") == 950000
    assert cell(rows, "2020-06", "city", "industrial_investment", "city_reported") == 950000
    assert cell(rows, "2020-06", "city", "industrial_investment", "units_sum") == 940000
    assert cell(rows, "2020-06", "city", "industrial_investment", "units_reported") == 2
    assert cell(rows, "2020-06", "city", "industrial_investment", "growth") == pytest.approx(100 * (95 / 85 - 1))
    # 95 of 900亿 → 10.56%; ÷ 50% = 0.211 → 严重落后
    assert cell(rows, "2020-06", "city", "industrial_investment", "completion") == pytest.approx(95 / 900)
    assert cell(rows, "2020-06", "city", "industrial_investment", "status") == "严重落后"
    # March: no 全市 row → 全市 = 25 + 30 = 55亿, 上年 24 + 20 = 44亿 → 同比 25%
    assert cell(rows, "2020-03", "city", "industrial_investment") == 550000
    assert cell(rows, "2020-03", "city", "industrial_investment", "city_reported") is None
    assert cell(rows, "2020-03", "city", "industrial_investment", "growth") == pytest.approx(25.0)
    # The sentence the page shows (amounts in 亿元)
    view = progress.month_view(rows, "2020-06", "city")
    assert progress.reconciliation_notes(view) == [
        "工业投资：全市数据95.0亿元，九个主体合计（2个主体报送）94.0亿元，差1.0亿元"]
    assert progress.reconciliation_notes(progress.month_view(rows, "2020-03", "city")) == []


def test_city_target_is_the_sum_of_nine_unit_targets_only_when_all_nine_are_given(data_root):
    units = ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang", "jingkai", "gangqu"]
    write(data_root, "2020", targets=[target(u, "亿元以上项目开工", 10 + i, "个") for i, u in enumerate(units)]
          + [target(u, "亿元以上项目竣工", 5, "个") for u in units[:8]])
    write(data_root, "2020-06", projects=[project(1, started_on="2020-02-01")])
    rows = run("2020-06")
    # 10 + 11 + … + 18 = 126 when all nine are given; only eight 竣工 targets → no 全市 target
    assert cell(rows, "2020-06", "city", "starts", "target") == 126
    assert cell(rows, "2020-06", "city", "starts", "target_source") == "九个主体目标合计"
    assert cell(rows, "2020-06", "city", "completions", "target") is None
    # indicators not imported → null, not 0; computed metrics of a month without land → null
    assert cell(rows, "2020-06", "city", "industrial_investment") is None
    assert cell(rows, "2020-06", "city", "new_industrial_land") is None


def test_december_has_no_months_left(data_root):
    write(data_root, "2020", targets=[target("nanhu", "亿元以上项目开工", 3, "个")])
    write(data_root, "2020-12", projects=[project(1, started_on="2020-02-01")])
    rows = run("2020-12")
    assert cell(rows, "2020-12", "nanhu", "starts", "pace") == 1.0
    assert cell(rows, "2020-12", "nanhu", "starts", "needed_per_month") is None
    view = progress.month_view(rows, "2020-12", "nanhu")
    row = view.filter(view["metric_key"] == "starts").row(0, named=True)
    assert progress.needed_text(row) == "全年缺口2个"
    assert progress.gap_text(row) == "差序时2个"


def test_trend_joins_this_year_with_last_year(ledger):
    series = progress.trend(run("2020-06"), "nanhu", "industrial_investment", "2020-06")
    assert series.height == 12
    got = {r["month_number"]: (r["value"], r["last_year"]) for r in series.iter_rows(named=True)
           if r["value"] is not None or r["last_year"] is not None}
    # 亿元: March 25 (上年 24), June 54 (上年 50 as reported; last June's snapshot said 48)
    assert got == {3: (25.0, 24.0), 6: (54.0, 50.0)}
    fig = progress.trend_figure(series, "industrial_investment")
    pace = next(t for t in fig.data if t.name == "序时进度线")
    assert list(pace.x) == [0, 12] and list(pace.y) == [0, 120.0]


def test_table_in_display_units(ledger):
    view = progress.month_view(run("2020-06"), "2020-06", "nanhu")
    table = progress.table(view)
    row = table.filter(table["指标"] == "工业投资").row(0, named=True)
    assert (row["完成值"], row["全年目标"], row["单位"]) == (54.0, 120.0, "亿元")
    assert row["完成率（%）"] == pytest.approx(45.0) and row["序时进度（%）"] == pytest.approx(50.0)
    # 差序时 reads as words (issue 10 item 7), the other amounts stay numbers
    assert row["差序时"] == "差序时6.00亿元" and row["剩余月均需完成"] == pytest.approx(11.0)
    assert row["全年目标说明"] == "剩余6个月月均需11.00亿元"
    assert row["状态"] == "落后"
    rate = table.filter(table["指标"] == "签约项目注册率").row(0, named=True)
    assert rate["差序时"] == "低于目标5.0个百分点" and rate["备注"] == "本年签约4个，已注册3个"
    assert table.filter(table["指标"] == "亿元以上项目竣工")["状态"][0] == "无目标"


def test_unit_requirement_matrix(ledger):
    req = progress.requirements(run("2020-06"), "2020-06")
    assert req.height == 9
    nanhu = req.filter(req["unit_id"] == "nanhu").row(0, named=True)
    # nanhu: 百亿级 1 (≥1 ✓), 50–100亿元 1 (≥1 ✓), 10–50亿元 0 (≥2 ✗)
    assert (nanhu["projects_10b"], nanhu["projects_5b_10b"], nanhu["projects_1b_5b"]) == (1, 1, 0)
    assert (nanhu["projects_10b_met"], nanhu["projects_5b_10b_met"], nanhu["projects_1b_5b_met"],
            nanhu["all_met"]) == (True, True, False, False)
    xiuzhou = req.filter(req["unit_id"] == "xiuzhou").row(0, named=True)
    assert (xiuzhou["projects_1b_5b"], xiuzhou["projects_1b_5b_met"]) == (1, False)  # 1 < 2
    table = progress.requirements_table(req)
    assert table.columns[:3] == ["县级主体", "百亿级（个）", "百亿级≥1"]
    assert table.row(0) == ("南湖", 1, "✓", 1, "✓", 0, "✗", "✗ 未全部达到")


def test_gap_and_need_texts_count_whole_projects():
    def row(gap, remaining=None, months=3, unit="个", needed=None):
        return {"pace_gap": gap, "unit": unit, "kind": "cumulative", "target": 1.0, "value": 0.0,
                "remaining": remaining, "months_left": months, "needed_per_month": needed}
    # September (序时 75%), target 1 project, none yet: 0.75 behind → one more project is needed
    assert progress.gap_text(row(0.75)) == "差序时1个"
    assert progress.gap_text(row(-0.25)) == "达序时"            # 1 of 1 at 75%: ahead by a quarter
    assert progress.gap_text(row(-1.5)) == "超序时1个"
    assert progress.needed_text(row(0.75, remaining=1.0, needed=1 / 3)) == "剩余3个月还需1个（月均0.3个）"
    assert progress.gap_text(row(13.33, unit="亿元")) == "差序时13.33亿元"
    assert progress.needed_text(row(1.0, remaining=39.8, unit="亿元", needed=13.2667)) == "剩余3个月月均需13.27亿元"
