"""Issue 10 items 1–7 on tiny hand-made imports: exact pace, missing data vs missing target, a partial 全市,
“五未” reconciliation, the plan's 口径 (外资-only 500强/超亿美元, industrial land uses, 当年注册率, 达规/达产 size
setting) and how counts and gaps read. Every expectation is worked out by hand in the comments."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import ranking
from cockpit.views import target_progress as progress
from tests.helpers import project, write
from tests.test_progress_queries import WAN, cell, indicator, run, target


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
    parcels = queries.run(idle.LIST_QUERY, month="2020-06", unit="nanhu", **idle.whole_list_params())
    listed = idle.parcel_table(parcels)
    assert dict(zip(listed["电子监管号"], listed["备注"]))["P2"] == "已开发面积未填，按整宗计"
    assert dict(zip(listed["电子监管号"], listed["备注"]))["P3"] == ""


# ---------------------------------------------------------------- 5. 500强/行业领先/超亿美元: 外资 projects only

FOREIGN = [
    # all 南湖, signed 2020; 1亿美元 = 70000万元 at usd_cny 7.0
    dict(serial=1, total_investment=80000.0),                                  # domestic 8亿元 ≥ 7亿: not counted
    dict(serial=2, total_investment=80000.0, foreign_investment=100.0),         # 外资 100万美元, 总投资 8亿 ≥ 7亿
    dict(serial=3, total_investment=20000.0, foreign_investment=10000.0),       # 外资 1亿美元 exactly
    dict(serial=4, total_investment=20000.0, foreign_investment=50.0, is_industry_leader=True),  # 行业领先, 外资
    dict(serial=5, total_investment=20000.0, is_fortune500=True),               # 500强 but no 外资: not counted
    dict(serial=6, total_investment=20000.0, foreign_investment=200.0),         # 外资, small: not counted
]


def write_foreign(root):
    write(root, "2020-06", projects=[project(p.pop("serial"), **p) for p in [dict(f) for f in FOREIGN]])


def test_domestic_project_over_7yi_is_not_a_major_foreign_project(data_root):
    write_foreign(data_root)
    rows = run("2020-06")
    # P2, P3, P4 → 3 (P1 domestic 8亿元 and P5 domestic 500强 are not; P6 is too small)
    assert cell(rows, "2020-06", "nanhu", "major_foreign_projects") == 3
    assert cell(rows, "2020-06", "nanhu", "major_foreign_projects", "definition") == (
        "外资项目（外资金额>0）中，本年签约且截至月末，属世界500强或国际行业领先企业，或外资金额、总投资"
        "（按1美元=7元人民币折算）≥1亿美元；内资项目无论规模均不计")


def config_with(tmp_path, monkeypatch, old: str, new: str) -> None:
    """COCKPIT_CONFIG → a copy of config/cockpit.toml with one setting changed (the line must be there)."""
    from cockpit import REPO_DIR

    text = (REPO_DIR / "config" / "cockpit.toml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "cockpit.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(path))


def test_foreign_only_false_counts_domestic_projects_too(data_root, tmp_path, monkeypatch):
    config_with(tmp_path, monkeypatch, "foreign_only = true", "foreign_only = false")
    write_foreign(data_root)
    rows = run("2020-06")
    # P1 (8亿 ≥ 7亿), P2, P3, P4, P5 (500强) → 5; P6 still too small
    assert cell(rows, "2020-06", "nanhu", "major_foreign_projects") == 5
    assert cell(rows, "2020-06", "nanhu", "major_foreign_projects", "definition").endswith("（含无外资的内资项目）")


# ---------------------------------------------------------------- 6. 新供产业用地, 当年注册率, 达规/达产 size setting

def supplied(pid: str, use: str, area: float, on: str = "2020-03-01") -> dict:
    return {"parcel_id": pid, "unit_id": "nanhu", "land_use": use, "area": area, "approved_on": "2019-06-01",
            "supplied_on": on}


def test_science_parcel_is_not_new_industrial_land(data_root):
    write(data_root, "2020-06", land=[
        supplied("L1", "工业用地", 100.0),
        supplied("L2", "仓储用地", 20.0),
        supplied("L3", "科教用地", 30.0),        # not 产业用地
        supplied("L4", "商务金融用地", 40.0),    # not 产业用地
        supplied("L5", "工业用地", 50.0, "2019-12-31"),  # supplied last year
    ])
    rows = run("2020-06")
    assert cell(rows, "2020-06", "nanhu", "new_industrial_land") == 120.0   # 100 + 20
    assert cell(rows, "2020-06", "city", "new_industrial_land") == 120.0
    assert cell(rows, "2020-06", "nanhu", "new_industrial_land", "definition") == (
        "供地日期在本年且截至月末、土地用途为工业用地或仓储用地的地块面积（亩）")


def test_configured_land_uses_are_the_ones_counted(data_root, tmp_path, monkeypatch):
    config_with(tmp_path, monkeypatch, 'industrial_land_uses = ["工业用地", "仓储用地"]',
                'industrial_land_uses = ["工业用地", "科教用地"]')
    write(data_root, "2020-06", land=[supplied("L1", "工业用地", 100.0), supplied("L2", "仓储用地", 20.0),
                                      supplied("L3", "科教用地", 30.0)])
    rows = run("2020-06")
    assert cell(rows, "2020-06", "nanhu", "new_industrial_land") == 130.0   # 100 + 30
    assert "工业用地或科教用地" in cell(rows, "2020-06", "nanhu", "new_industrial_land", "definition")


def test_registration_before_signing_counts_as_registered(data_root):
    write(data_root, "2020-06", projects=[
        project(1, signed_on="2020-03-01", registered_on="2020-02-15"),  # registered before signing: counts
        project(2, signed_on="2020-03-01", registered_on="2019-11-30"),  # registered last year: counts
        project(3, signed_on="2020-03-01", registered_on="2020-04-01"),  # after signing, by D: counts
        project(4, signed_on="2020-03-01"),                               # not registered
        project(5, signed_on="2019-10-01", registered_on="2020-01-10"),  # signed last year: not in the rate
    ])
    rows = run("2020-06")
    # 3 registered of 4 signed in 2020 → 75%
    assert cell(rows, "2020-06", "nanhu", "registration_rate") == 75.0
    assert (cell(rows, "2020-06", "nanhu", "registration_rate", "numerator"),
            cell(rows, "2020-06", "nanhu", "registration_rate", "denominator")) == (3, 4)
    assert cell(rows, "2020-06", "nanhu", "registration_rate", "definition") == (
        "本年签约（截至月末）的项目中，截至月末已注册的比例（计划所称“当年注册率”）；签约前已注册的项目计为已注册")


MILESTONES = [
    # 投产 and 达规 in 2020: a 0.5亿 and a 2亿 project; 竣工 and 达产 in 2020: a 0.8亿 project
    dict(serial=1, total_investment=5000.0, started_on="2019-03-01", completed_on="2019-12-01",
         production_on="2020-02-01", above_scale_on="2020-05-01"),
    dict(serial=2, total_investment=20000.0, started_on="2019-03-01", completed_on="2019-12-01",
         production_on="2020-02-01", above_scale_on="2020-06-30"),
    dict(serial=3, total_investment=8000.0, started_on="2019-03-01", completed_on="2020-01-15",
         production_on="2020-02-01", full_capacity_on="2020-06-01"),
]


def write_milestones(root):
    write(root, "2020-06", projects=[project(p.pop("serial"), signed_on="2019-01-01", **p)
                                     for p in [dict(m) for m in MILESTONES]])


def test_scale_milestones_count_every_size_by_default(data_root):
    write_milestones(data_root)
    rows = run("2020-06")
    assert cell(rows, "2020-06", "nanhu", "new_above_scale") == 2      # P1 (0.5亿) and P2
    assert cell(rows, "2020-06", "nanhu", "new_full_capacity") == 1    # P3 (0.8亿)
    assert cell(rows, "2020-06", "nanhu", "new_above_scale", "definition") == (
        "不限项目规模，投产日期和达规日期均在本年且截至月末")


def test_scale_milestones_above_100m_only_when_set(data_root, tmp_path, monkeypatch):
    config_with(tmp_path, monkeypatch, "milestones_above_100m_only = false", "milestones_above_100m_only = true")
    write_milestones(data_root)
    rows = run("2020-06")
    assert cell(rows, "2020-06", "nanhu", "new_above_scale") == 1      # P2 only (2亿)
    assert cell(rows, "2020-06", "nanhu", "new_full_capacity") == 0    # P3 is 0.8亿
    assert cell(rows, "2020-06", "nanhu", "new_full_capacity", "definition") == (
        "总投资≥1亿元，竣工日期和达产日期均在本年且截至月末")


# ---------------------------------------------------------------- 7. counts whole, gaps in words, 全市 vs unit targets

def test_counts_are_whole_gaps_read_as_words_and_city_target_differs_from_units(data_root):
    # 全市 工业投资 target 900亿; the nine units' targets 100 × 8 + 134 = 934亿. December (序时 100%).
    # 全市 reports 943.91亿 → 超序时 43.91亿元. 南湖: 73 亿元以上 projects signed of a target of 60 → 73 (not 73.00).
    units = ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang", "jingkai", "gangqu"]
    write(data_root, "2020", targets=[target("city", "工业投资", 900 * WAN, "万元")]
          + [target(u, "工业投资", (134 if u == "gangqu" else 100) * WAN, "万元") for u in units]
          + [target("nanhu", "引进亿元以上产业项目", 60, "个")])
    write(data_root, "2020-12", indicators=[indicator("2020-12", "city", 9439100.0)],
          projects=[project(i, signed_on="2020-05-01") for i in range(1, 74)])
    rows = run("2020-12")
    assert cell(rows, "2020-12", "city", "industrial_investment", "unit_targets_sum") == 934 * WAN
    assert cell(rows, "2020-12", "city", "industrial_investment", "unit_targets_count") == 9
    city = progress.month_view(rows, "2020-12", "city")
    table = progress.table(city)
    ii = table.filter(table["指标"] == "工业投资").row(0, named=True)
    assert ii["差序时"] == "超序时43.91亿元"
    assert ii["完成值"] == 943.91 and ii["全年目标"] == 900.0
    assert "全市目标900.00亿元，九个主体目标合计934.00亿元（多34.00亿元）" in ii["备注"]
    assert progress.target_sum_notes(city) == [
        "工业投资：全市目标900.00亿元，九个主体目标合计934.00亿元（多34.00亿元）"]
    # A unit's own row never carries the comparison.
    nanhu = progress.table(progress.month_view(rows, "2020-12", "nanhu"))
    projects = nanhu.filter(nanhu["指标"] == "亿元以上项目引进").row(0, named=True)
    assert projects["完成值"] == 73 and projects["全年目标"] == 60
    assert projects["差序时"] == "超序时13个"
    assert "全市目标" not in "".join(nanhu["备注"].to_list())


def test_city_page_lists_targets_that_differ_from_the_units_sum(data_root):
    # 全市 开工 target 100; the nine units' 10 each = 90 → shown. 竣工: 全市 50, only 南湖 has one (5) → not compared.
    from tests.helpers import run_page

    units = ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang", "jingkai", "gangqu"]
    write(data_root, "2020", targets=[target("city", "亿元以上项目开工", 100, "个"),
                                      target("city", "亿元以上项目竣工", 50, "个"),
                                      target("nanhu", "亿元以上项目竣工", 5, "个")]
          + [target(u, "亿元以上项目开工", 10, "个") for u in units])
    write(data_root, "2020-06", projects=[project(1, started_on="2020-02-01")])
    at = run_page("target_progress.py", "2020-06", "city")
    assert [e.label for e in at.expander] == ["全市目标与各主体目标合计不一致（1项）"]
    assert at.expander[0].markdown[0].value == "- 亿元以上项目开工：全市目标100个，九个主体目标合计90个（少10个）"


def test_project_exactly_at_80_percent_of_its_investment_plan_is_not_yellow(data_root):
    # 总投资 2379万元 over 2020-01-01..2020-12-31 (366 days); D = 2020-01-31, 31 days in: 序时计划 = 2379 × 31 ÷ 366
    # = 201.5万元; 本年完成 161.2万元 = 80% exactly (161.2 × 366 = 0.8 × 2379 × 31 = 58999.2). Dividing by the rounded
    # plan gave 0.7999999999999999 → 黄; the exact form gives 0.8 → no warning at investment_yellow = 0.8.
    from cockpit.views import snail_warnings

    write(data_root, "2020-01", projects=[project(1, total_investment=2379.0, contract_start_on="2020-01-01",
                                                  contract_completion_on="2020-12-31", started_on="2020-01-05",
                                                  investment_this_year=161.2)])
    params = {**snail_warnings.warning_params(), "investment_yellow": 0.8, "investment_red": 0.6}
    got = queries.run(snail_warnings.WARNING_QUERY, month="2020-01", **params)
    assert got.height == 0
