"""县市区排名 over queries/progress__by_metric.sql: composite score, renormalised weights, cap, ranks and rank
changes, strongest / weakest metric, and the quarterly bottom-two rule (cockpit/views/ranking.py)."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import ranking, target_progress as progress
from tests.helpers import write
from tests.test_progress_queries import WAN, build_ledger, indicator, target

UNITS = ["nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang", "jingkai", "gangqu"]


def run(month: str):
    return queries.run("progress__by_metric", month=month, **progress.status_params())


def score_row(frame, month, unit):
    return frame.filter((frame["snapshot_month"] == month) & (frame["unit_id"] == unit)).row(0, named=True)


@pytest.fixture
def ledger(data_root):
    build_ledger(data_root)
    return data_root


def test_score_with_given_weights_renormalises_missing_targets(ledger):
    scores = ranking.scores(run("2020-06"), {"industrial_investment": 2, "starts": 1}, cap=1.5)
    # June, 序时 50%. nanhu: 工业投资 45% ÷ 50% = 0.9, 开工 (2/12) ÷ 50% = 1/3
    #   score = 100 × (2 × 0.9 + 1 × 1/3) ÷ 3 = 71.11
    nanhu = score_row(scores, "2020-06", "nanhu")
    assert nanhu["score"] == round(100 * (1.8 + 1 / 3) / 3, 1)  # 71.1, shown precision
    assert nanhu["metrics_used"] == 2
    # xiuzhou has no 开工 target: only 工业投资 counts, with all the weight: 40% ÷ 50% = 0.8 → 80
    xiuzhou = score_row(scores, "2020-06", "xiuzhou")
    assert xiuzhou["score"] == pytest.approx(80.0) and xiuzhou["metrics_used"] == 1
    assert (xiuzhou["rank"], nanhu["rank"]) == (1, 2)
    # units without any target: no score, no rank
    haining = score_row(scores, "2020-06", "haining")
    assert haining["score"] is None and haining["rank"] is None and haining["metrics_used"] == 0


def test_cap_limits_one_metric(ledger):
    scores = ranking.scores(run("2020-06"), {"industrial_investment": 2, "starts": 1}, cap=0.85)
    # nanhu: min(0.9, 0.85) = 0.85 → 100 × (2 × 0.85 + 1/3) ÷ 3 = 67.78
    assert score_row(scores, "2020-06", "nanhu")["score"] == round(100 * (1.7 + 1 / 3) / 3, 1)  # 67.8


def test_default_weights_ranks_changes_strongest_and_weakest(ledger):
    assert ranking.weights() == {"industrial_investment": 20, "fdi": 10, "projects_above_100m": 10,
                                 "registration_rate": 10, "starts": 10, "completions": 10, "productions": 10,
                                 "new_above_scale": 10, "new_industrial_land": 10}
    scores = ranking.scores(run("2020-06"))
    # June nanhu (targets for 工业投资 20, 亿元以上项目 10, 注册率 10, 开工 10, 供地 10 → Σ 60):
    #   工业投资 0.9 × 20 = 18; 亿元以上项目 3/8 ÷ 0.5 = 0.75 × 10 = 7.5; 注册率 75/80 = 0.9375 × 10 = 9.375;
    #   开工 1/3 × 10 = 3.333; 供地 300/600 ÷ 0.5 = 1.0 × 10 = 10 → 48.208 ÷ 60 × 100 = 80.35
    june_nanhu = score_row(scores, "2020-06", "nanhu")
    assert june_nanhu["score"] == round(100 * (18 + 7.5 + 9.375 + 10 / 3 + 10) / 60, 1)  # 80.3
    assert june_nanhu["strongest"] == "新供产业用地" and june_nanhu["strongest_ratio"] == pytest.approx(1.0)
    assert june_nanhu["weakest"] == "亿元以上项目开工" and june_nanhu["weakest_ratio"] == pytest.approx(1 / 3)
    # March nanhu (序时 25%): 工业投资 25/120 ÷ 0.25 = 0.8333 × 20 = 16.667; 亿元以上项目 1/8 ÷ 0.25 = 0.5 × 10 = 5;
    #   注册率 100/80 = 1.25 × 10 = 12.5; 开工 1/12 ÷ 0.25 = 1/3 × 10 = 3.333; 供地 300/600 ÷ 0.25 = 2.0,
    #   capped at 1.5 × 10 = 15 → 52.5 ÷ 60 × 100 = 87.5
    assert score_row(scores, "2020-03", "nanhu")["score"] == pytest.approx(87.5)
    # xiuzhou: March 30/100 ÷ 0.25 = 1.2 → 120 (rank 1); June 0.8 → 80 (rank 2, below nanhu's 80.35)
    assert score_row(scores, "2020-03", "xiuzhou")["score"] == pytest.approx(120.0)
    june = ranking.month_scores(scores, "2020-06")
    got = {r["unit_id"]: (r["rank"], r["prev_rank"], r["change"]) for r in june.iter_rows(named=True)}
    assert got["nanhu"] == (1, 2, "↑1") and got["xiuzhou"] == (2, 1, "↓1")
    assert got["haining"] == (None, None, "—")
    assert june["prev_month"].unique().to_list() == ["2020-03"]
    # March's previous snapshot is 2019-06, where no unit had a target: "新" (not ranked last time)
    march = ranking.month_scores(scores, "2020-03")
    assert march.filter(march["unit_id"] == "nanhu")["change"][0] == "新"
    table = ranking.ranking_table(june)
    assert table.columns == ["排名", "县级主体", "综合得分", "较上月", "上月排名", "参评指标数", "全部目标中落后",
                             "最强指标（序时完成度）", "最弱指标（序时完成度）", "未参评指标（原因）"]
    # the four weighted metrics nanhu has no target for are named, in catalogue order. Of nanhu's six targets
    # only 新供产业用地 is on pace: 工业投资 0.9, 注册率 75% (target 80), 工业投资增长 8% (target 15) 落后;
    # 开工 1/3 and 亿元以上项目 0.75 严重落后 → 5 of 6 behind, although the score is 80.3
    assert table.row(0) == (1, "南湖区", 80.3, "↑1", 2, 5, "落后5/6项", "新供产业用地（100%）", "亿元以上项目开工（33%）",
                            "实际利用外资（无目标）、亿元以上项目竣工（无目标）、亿元以上项目投产（无目标）、"
                            "新投产项目达规（无目标）")
    assert table.row(1)[6] == "落后1/1项"  # xiuzhou: 工业投资 exactly 0.8 is 落后
    assert ranking.missing_data_notes(june) == []  # every target nanhu and xiuzhou have comes with a figure
    assert ranking.score_status(80.35) == "落后" and ranking.score_status(120) == "达序时"
    assert ranking.score_status(79.9) == "严重落后"


def test_change_markers():
    # (rank now, rank last month, is there a last month)
    assert [ranking.change_marker(3, p, True) for p in (5, 2, 3, None)] == ["↑2", "↓1", "—", "新"]
    assert ranking.change_marker(3, None, False) == "—"
    assert ranking.change_marker(None, 4, True) == "—"


# Quarterly rule fixture: nine units, one metric (工业投资), each unit's target 120亿元, weight 1, so the score is
# 100 × 累计 ÷ (120亿 × 序时进度). 序时 Q1 25% → 30亿, Q2 50% → 60亿, Q3 75% → 90亿; May is not a quarter end.
QUARTER_VALUES = {  # 亿元; score in the comment
    "2020-03": {"nanhu": 33, "xiuzhou": 30, "jiashan": 28.5, "haiyan": 27, "haining": 25.5, "pinghu": 24,
                "tongxiang": 22.5, "jingkai": 21, "gangqu": 19.5},
    # Q1 scores: 110 100 95 90 85 80 75 70 65 → bottom two: jingkai (70), gangqu (65)
    "2020-05": {"nanhu": 40, "xiuzhou": 40, "jiashan": 40, "haiyan": 40, "haining": 40, "pinghu": 40,
                "tongxiang": 40, "jingkai": 1, "gangqu": 1},
    # May: jingkai and gangqu far behind, but May is not a quarter end and does not count
    "2020-06": {"nanhu": 63, "xiuzhou": 60, "jiashan": 57, "haiyan": 54, "haining": 51, "pinghu": 48,
                "tongxiang": 39, "jingkai": 66, "gangqu": 42},
    # Q2 scores: 105 100 95 90 85 80 65 110 70 → bottom two: tongxiang (65), gangqu (70); gangqu twice running
    "2020-08": {"nanhu": 1, "xiuzhou": 1, "jiashan": 1, "haiyan": 60, "haining": 60, "pinghu": 60,
                "tongxiang": 60, "jingkai": 60, "gangqu": 60},
    # August: nanhu, xiuzhou, jiashan far behind, but August is not a quarter end either
    "2020-09": {"nanhu": 90, "xiuzhou": 90, "jiashan": 90, "haiyan": 90, "haining": 63, "pinghu": 54,
                "tongxiang": 63, "jingkai": 90, "gangqu": 90},
    # Q3 scores: 100 100 100 100 70 60 70 100 100 → from the bottom: pinghu 1st, haining and tongxiang tie 2nd:
    # all three are in the bottom two (tie at the boundary); tongxiang twice running (Q2, Q3)
}


@pytest.fixture
def quarters_ledger(data_root):
    write(data_root, "2020", targets=[target(u, "工业投资", 120 * WAN, "万元") for u in UNITS])
    for month, values in QUARTER_VALUES.items():
        write(data_root, month, indicators=[indicator(month, u, v * WAN) for u, v in values.items()])
    return data_root


def test_bottom_two_each_quarter_and_two_quarters_running(quarters_ledger):
    scores = ranking.scores(run("2020-09"), {"industrial_investment": 1}, cap=1.5)
    assert score_row(scores, "2020-06", "tongxiang")["score"] == pytest.approx(65.0)
    q = ranking.quarters(scores, bottom_n=2)
    assert sorted(q["snapshot_month"].unique()) == ["2020-03", "2020-06", "2020-09"]  # not May, not August
    bottom = {(r["quarter"], r["unit_id"]): r["interview"] for r in q.filter(q["in_bottom"]).iter_rows(named=True)}
    assert bottom == {
        (1, "jingkai"): "分管副市长约谈", (1, "gangqu"): "分管副市长约谈",
        (2, "tongxiang"): "分管副市长约谈", (2, "gangqu"): "市长约谈",
        (3, "pinghu"): "分管副市长约谈", (3, "haining"): "分管副市长约谈", (3, "tongxiang"): "市长约谈",
    }
    table = ranking.quarter_table(q, 2020)
    assert table.columns == ["季度", "县级主体", "季末排名", "季末综合得分", "连续两季度末位", "约谈"]
    assert table.filter(table["县级主体"] == "嘉兴港区").rows() == [
        ("2020年第一季度", "嘉兴港区", 9, 65.0, "否", "分管副市长约谈"),
        ("2020年第二季度", "嘉兴港区", 8, 70.0, "是", "市长约谈"),
    ]


def test_a_missing_quarter_breaks_the_run(data_root):
    # Q1 and Q3 evaluated, no June snapshot: gangqu last in both, but not two quarters running.
    write(data_root, "2020", targets=[target(u, "工业投资", 120 * WAN, "万元") for u in UNITS])
    for month in ("2020-03", "2020-09"):
        values = QUARTER_VALUES["2020-03"]
        pace = int(month[5:]) / 12 / 0.25
        write(data_root, month, indicators=[indicator(month, u, v * pace * WAN) for u, v in values.items()])
    q = ranking.quarters(ranking.scores(run("2020-09"), {"industrial_investment": 1}, cap=1.5), bottom_n=2)
    gangqu = q.filter(q["unit_id"] == "gangqu")
    assert gangqu["in_bottom"].to_list() == [True, True]
    assert gangqu["interview"].to_list() == ["分管副市长约谈", "分管副市长约谈"]


def test_no_interviews_when_only_bottom_n_units_are_ranked(ledger):
    # Only nanhu and xiuzhou have targets: with two ranked units "the bottom two" would be everyone.
    q = ranking.quarters(ranking.scores(run("2020-06")), bottom_n=2)
    assert q.height == 4 and not q["in_bottom"].any()      # 2 units × Q1, Q2
    assert ranking.quarter_notice(q, "2020-06") is None


def test_month_bottom_names_every_unit_tied_at_the_boundary(quarters_ledger):
    """September: pinghu 60 is last, haining and tongxiang share 70 above it (ranks 7, 7, 9): all three are
    末2位 (the month's list used to stop at rank > 9 − 2 and left the tied pair out)."""
    from cockpit.views import meeting

    scores = ranking.scores(run("2020-09"), {"industrial_investment": 1}, cap=1.5)
    september = ranking.month_scores(scores, "2020-09")
    bottom = ranking.bottom_units(september, 2)
    assert bottom.select("unit_id", "rank", "score").rows() == [
        ("haining", 7, 70.0), ("tongxiang", 7, 70.0), ("pinghu", 9, 60.0)]
    lines = meeting.interview_text(september, ranking.quarters(scores), "2020-09")
    assert lines[0] == "本月排名末2位：海宁（第7名，70.0分）、桐乡（第7名，70.0分）、平湖（第9名，60.0分）。"
    # June has no tie at the boundary: exactly two
    assert ranking.bottom_units(ranking.month_scores(scores, "2020-06"), 2)["unit_id"].to_list() == [
        "gangqu", "tongxiang"]


def test_the_score_says_which_targets_it_covers():
    weights = ranking.weights()
    # the plan's monthly evaluation: 注册、开工、竣工、投产、达规、新增产业供地
    assert {"registration_rate", "starts", "completions", "productions", "new_above_scale",
            "new_industrial_land"} <= set(weights)
    assert ranking.coverage() == f"综合得分：{len(weights)}项速度、总量与质量指标，100分=这些指标均达序时"
    assert ranking.coverage({"industrial_investment": 1, "starts": 1}) == (
        "综合得分：2项速度与总量指标，100分=这些指标均达序时")
    assert ranking.coverage({"starts": 1}) == "综合得分：1项速度指标，100分=这些指标均达序时"
    definition = ranking.score_definition()
    assert definition.startswith("口径：" + ranking.coverage() + "（工业投资、")
    assert "权重：工业投资20、实际利用外资10" in definition and "新供产业用地10" in definition
    assert [ranking.behind_text(b, n) for b, n in ((3, 7), (0, 0), (None, None))] == [
        "落后3/7项", "无评价目标", "无评价目标"]
