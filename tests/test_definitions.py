"""Issue 10 items 1–7 on tiny hand-made imports: exact pace, missing data vs missing target, a partial 全市,
“五未” reconciliation, the plan's 口径 (外资-only 500强/超亿美元, industrial land uses, 当年注册率, 达规/达产 size
setting) and how counts and gaps read. Every expectation is worked out by hand in the comments."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import ranking
from cockpit.views import target_progress as progress
from tests.helpers import write
from tests.test_progress_queries import WAN, indicator, target


def run(month: str):
    return queries.run("progress__by_metric", month=month, **progress.status_params())


def cell(rows, month, unit, key, column="value"):
    picked = rows.filter((rows["snapshot_month"] == month) & (rows["unit_id"] == unit) & (rows["metric_key"] == key))
    assert picked.height == 1, (month, unit, key)
    return picked[column][0]


# ---------------------------------------------------------------- 1. exact pace

def test_exactly_on_pace_is_on_pace_and_scores_exactly_100(data_root):
    # 秀洲: target 84亿, July (序时 7/12), 49亿 = 84 × 7 ÷ 12 exactly. In floating point 49 ÷ 84 ÷ (7 ÷ 12) is
    # 0.9999999999999999; compared as 49 × 12 = 588 against 84 × 7 = 588 it is exactly on pace.
    write(data_root, "2020", targets=[target("xiuzhou", "工业投资", 84 * WAN, "万元")])
    write(data_root, "2020-07", indicators=[indicator("2020-07", "xiuzhou", 49 * WAN)])
    rows = run("2020-07")
    assert cell(rows, "2020-07", "xiuzhou", "industrial_investment", "pace_ratio") == 1.0
    assert cell(rows, "2020-07", "xiuzhou", "industrial_investment", "pace_gap") == 0.0
    assert cell(rows, "2020-07", "xiuzhou", "industrial_investment", "pace_target") == 49 * WAN
    assert cell(rows, "2020-07", "xiuzhou", "industrial_investment", "status") == "达序时"
    view = progress.month_view(rows, "2020-07", "xiuzhou")
    row = view.filter(view["metric_key"] == "industrial_investment").row(0, named=True)
    assert progress.gap_text(row) == "恰好达序时"
    # The only scored metric is exactly on pace: 100 × 20 × 1 ÷ 20 = 100.0, coloured 达序时, rank 1.
    month = ranking.month_scores(ranking.scores(rows), "2020-07")
    xiuzhou = month.filter(month["unit_id"] == "xiuzhou").row(0, named=True)
    assert (xiuzhou["score"], xiuzhou["status"], xiuzhou["rank"]) == (100.0, "达序时", 1)


def test_one_wan_short_of_pace_is_behind_and_says_by_how_little(data_root):
    # 48.9999亿 = 489999万 at July: 489999 × 12 = 5879988 < 840000 × 7 = 5880000 → 落后, 1万元 short of 序时.
    write(data_root, "2020", targets=[target("xiuzhou", "工业投资", 84 * WAN, "万元")])
    write(data_root, "2020-07", indicators=[indicator("2020-07", "xiuzhou", 49 * WAN - 1)])
    rows = run("2020-07")
    assert cell(rows, "2020-07", "xiuzhou", "industrial_investment", "status") == "落后"
    assert cell(rows, "2020-07", "xiuzhou", "industrial_investment", "pace_gap") == 1.0
    view = progress.month_view(rows, "2020-07", "xiuzhou")
    row = view.filter(view["metric_key"] == "industrial_investment").row(0, named=True)
    # 0.0001亿 shows as 0.00亿元 at two decimals: the text says "less than 0.01", not "差序时0.00亿元"
    assert progress.gap_text(row) == "差序时不足0.01亿元"


def test_growth_exactly_on_target_is_on_pace(data_root):
    # 工业投资增长 target 15%: 115亿 vs 上年同期 100亿 is exactly 15% (115 ÷ 100 − 1 is 0.15000000000000013 in
    # binary; (115 − 100) ÷ 100 is 0.15) → 达序时, pace_ratio (100 + 15) ÷ (100 + 15) = 1.
    write(data_root, "2020", targets=[target("nanhu", "工业投资增长", 15, "%")])
    write(data_root, "2020-06", indicators=[indicator("2020-06", "nanhu", 115 * WAN, 100 * WAN)])
    rows = run("2020-06")
    assert cell(rows, "2020-06", "nanhu", "industrial_investment_growth") == 15.0
    assert cell(rows, "2020-06", "nanhu", "industrial_investment_growth", "pace_ratio") == 1.0
    assert cell(rows, "2020-06", "nanhu", "industrial_investment_growth", "status") == "达序时"


# ---------------------------------------------------------------- 2. 无数据（未报送） is not 无目标

def test_missing_indicator_is_no_data_not_no_target_and_the_ranking_names_it(data_root):
    # 南湖 has a 90亿 工业投资 target but no 月度指标 row; its 开工 target 4个 with 2 started by June (2 ÷ 4 ÷ 0.5 = 1).
    # 秀洲 reports 50亿 of 100亿 (50% at June = 1).
    write(data_root, "2020", targets=[target("nanhu", "工业投资", 90 * WAN, "万元"),
                                      target("nanhu", "亿元以上项目开工", 4, "个"),
                                      target("xiuzhou", "工业投资", 100 * WAN, "万元")])
    from tests.helpers import project
    write(data_root, "2020-06", indicators=[indicator("2020-06", "xiuzhou", 50 * WAN)],
          projects=[project(1, started_on="2020-02-01"), project(2, started_on="2020-05-01")])
    rows = run("2020-06")
    assert cell(rows, "2020-06", "nanhu", "industrial_investment", "status") is None
    assert cell(rows, "2020-06", "nanhu", "industrial_investment", "missing_reason") == "无数据（未报送）"
    assert cell(rows, "2020-06", "nanhu", "fdi", "missing_reason") == "无目标"
    assert cell(rows, "2020-06", "nanhu", "starts", "missing_reason") is None
    # a rate with nobody signed this year is neither: 0 of 0
    assert cell(rows, "2020-06", "haining", "registration_rate", "missing_reason") == "无目标"
    table = progress.table(progress.month_view(rows, "2020-06", "nanhu"))
    status = dict(zip(table["指标"], table["状态"]))
    assert status["工业投资"] == "无数据（未报送）"
    assert status["实际利用外资"] == "无目标"
    assert status["亿元以上项目开工"] == "达序时"
    # Ranking: 南湖 is scored on 开工 alone (100 × 10 × 1 ÷ 10 = 100.0), and the page says 工业投资 is missing.
    month = ranking.month_scores(ranking.scores(rows), "2020-06")
    nanhu = month.filter(month["unit_id"] == "nanhu").row(0, named=True)
    assert (nanhu["score"], nanhu["metrics_used"]) == (100.0, 1)
    assert nanhu["missing_data"] == "工业投资（权重20）无数据（未报送）"
    assert nanhu["unscored"].startswith("工业投资（无数据（未报送））、实际利用外资（无目标）、")
    assert ranking.missing_data_notes(month) == [
        "南湖区：工业投资（权重20）无数据（未报送），本月不计入得分（其余指标权重按比例放大）"]
    assert "未参评指标（原因）" in ranking.ranking_table(month).columns


# ---------------------------------------------------------------- 3. a partial 全市 says so

EIGHT_MISSING = "秀洲区、嘉善县、海盐县、海宁市、平湖市、桐乡市、嘉兴经济技术开发区、嘉兴港区"


@pytest.fixture
def one_unit_city(data_root):
    # Only 南湖 reports 工业投资: 80亿 (上年同期 64亿 → +25%); no 全市 row. 全市 target 900亿; June.
    write(data_root, "2020", targets=[target("city", "工业投资", 900 * WAN, "万元"),
                                      target("city", "工业投资增长", 15, "%")])
    write(data_root, "2020-06", indicators=[indicator("2020-06", "nanhu", 80 * WAN, 64 * WAN)])
    return data_root


def test_one_unit_city_names_the_eight_missing_units_everywhere(one_unit_city):
    rows = run("2020-06")
    # 全市 = 南湖's 80亿 (8.9% of 900亿), but it is marked as the sum of 1 unit with 8 missing, by name.
    assert cell(rows, "2020-06", "city", "industrial_investment") == 80 * WAN
    assert cell(rows, "2020-06", "city", "industrial_investment", "units_reported") == 1
    assert cell(rows, "2020-06", "city", "industrial_investment", "units_missing") == EIGHT_MISSING
    assert cell(rows, "2020-06", "city", "industrial_investment_growth") == 25.0
    assert cell(rows, "2020-06", "city", "industrial_investment_growth", "units_missing") == EIGHT_MISSING
    assert cell(rows, "2020-06", "nanhu", "industrial_investment", "units_missing") is None
    view = progress.month_view(rows, "2020-06", "city")
    sentence = "8个主体未报送：" + EIGHT_MISSING
    # 目标进度 page warning (one sentence for the indicator and its growth)
    assert progress.partial_city_notes(view) == [
        f"工业投资、工业投资增长：全市仅为已报送的1个主体合计，{sentence}"]
    # the table (and its Excel export) says it in 备注
    table = progress.table(view)
    notes = dict(zip(table["指标"], table["备注"]))
    assert notes["工业投资"] == f"全市=已报送的1个主体合计；{sentence}"
    assert notes["工业投资增长"] == f"工业投资本年累计80.00亿元，上年同期64.00亿元；全市为已报送的1个主体合计；{sentence}"
    # the meeting tiles: on the tile, and the names in the figure's footnote (so in its PNG too)
    tiles = progress.headline_figure(view, ["industrial_investment"])
    texts = [a.text for a in tiles.layout.annotations]
    assert "仅1个主体合计，8个主体未报送" in texts
    assert f"注：工业投资：全市仅为已报送的1个主体合计，{sentence}" in texts
    assert any(sentence in a.text for a in progress.pace_figure(view).layout.annotations)
    trend = progress.trend_figure(progress.trend(rows, "city", "industrial_investment", "2020-06"),
                                  "industrial_investment")
    assert any(a.text == f"注：6月全市仅为已报送主体合计；6月{sentence}" for a in trend.layout.annotations)
    # 首页 tile
    from cockpit.views import home
    fact = next(f for f in home.target_facts(rows, "2020-06", "city") if f.label == "工业投资")
    assert fact.note.endswith(f"全市仅为已报送的1个主体合计，{sentence}")


def test_whole_city_has_no_partial_note(one_unit_city):
    # A supplied 全市 row is the whole city whoever else reported.
    write(one_unit_city, "2020-06", indicators=[indicator("2020-06", "nanhu", 80 * WAN, 64 * WAN),
                                                indicator("2020-06", "city", 450 * WAN, 400 * WAN)])
    rows = run("2020-06")
    assert cell(rows, "2020-06", "city", "industrial_investment", "units_missing") is None
    assert progress.partial_city_notes(progress.month_view(rows, "2020-06", "city")) == []


# ---------------------------------------------------------------- 4. “五未”: no parcel drops out silently

def land_parcel(serial: int, unit: str = "nanhu", **fields) -> dict:
    row = {"parcel_id": f"P{serial}", "parcel_name": f"地块{serial}", "unit_id": unit, "land_use": "工业用地",
           "area": 100.0, "approved_on": "2019-01-15"}
    row.update(fields)
    return row


@pytest.fixture
def five_idle_ledger(data_root):
    # D = 2020-06-30. Five parcels in 南湖, one in 秀洲.
    write(data_root, "2020-06", land=[
        land_parcel(1, area=30.0),                                             # 批而未供 30
        land_parcel(2, area=50.0, supplied_on="2019-03-01", started_on="2019-05-01"),  # 用而未尽, 已开发面积未填: 50
        land_parcel(3, area=40.0, supplied_on="2019-03-01", started_on="2019-05-01",
                    developed_area=10.0),                                      # 用而未尽, 40 − 10 = 30
        land_parcel(4, area=20.0, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=5.0,
                    completed_on="2020-02-01"),                                # 建而未投 20 (by stage, not 用而未尽 15)
        land_parcel(5, area=60.0, supplied_on="2019-03-01", started_on="2019-05-01", developed_area=60.0,
                    completed_on="2019-10-01", production_on="2019-11-01", above_scale_on="2020-03-01"),  # 已达规
        land_parcel(6, "xiuzhou", area=70.0, supplied_on="2019-03-01",
                    production_on="2020-01-10"),                               # 数据不全: 投产 without 竣工, 开工
    ])
    return data_root


def test_started_parcel_with_blank_developed_area_is_counted_and_every_parcel_reconciles(five_idle_ledger):
    from cockpit.views import idle_land as idle

    by_unit = queries.run("idle__by_unit", month="2020-06", unit="city")
    nanhu = {r["category"]: (r["parcels"], r["idle_area"]) for r in by_unit.iter_rows(named=True)
             if r["unit_id"] == "nanhu" and r["parcels"]}
    assert nanhu == {"批而未供": (1, 30.0), "用而未尽": (2, 80.0), "建而未投": (1, 20.0)}
    # 地块总数 6 = “五未” 4 (批而未供 1 + 用而未尽 2 + 建而未投 1) + 已达规 1 + 数据不全 1
    recon = queries.run("idle__reconciliation", month="2020-06", unit="city")
    assert recon.height == 9 * 7
    assert idle.reconciliation(recon) == {"parcels": 6, "area": 270.0, "idle": 4, "above_scale": 1, "data_gap": 1,
                                          "developed_area_missing": 1}
    assert idle.reconciliation_text(recon) == (
        "核对：地块总数6宗 = “五未”4宗（批而未供1 + 供而未用0 + 用而未尽2 + 建而未投1 + 投而未达规0） + 已达规1宗 "
        "+ 数据不全1宗；其中用而未尽1宗已开发面积未填，按整宗面积计入。")
    table = idle.reconciliation_table(recon)
    assert table.rows() == [
        ("批而未供", 1, 30.0, 30.0, ""), ("供而未用", 0, 0.0, 0.0, ""),
        ("用而未尽", 2, 90.0, 80.0, "1宗已开发面积未填，按整宗计"), ("建而未投", 1, 20.0, 20.0, ""),
        ("投而未达规", 0, 0.0, 0.0, ""), ("已达规", 1, 60.0, None, ""), ("数据不全", 1, 70.0, None, ""),
        ("地块总数", 6, 270.0, 130.0, "=五类合计+已达规+数据不全"),
    ]
    gaps = queries.run("idle__data_gaps", month="2020-06", unit="city")
    assert idle.data_gap_table(gaps).select("电子监管号", "数据缺项").rows() == [("P6", "有投产日期，竣工日期未填")]
    assert queries.run("idle__data_gaps", month="2020-06", unit="nanhu").height == 0
    parcels = queries.run("idle__parcels", month="2020-06", unit="nanhu")
    listed = idle.parcel_table(parcels)
    assert dict(zip(listed["电子监管号"], listed["备注"]))["P2"] == "已开发面积未填，按整宗计"
    assert dict(zip(listed["电子监管号"], listed["备注"]))["P3"] == ""
