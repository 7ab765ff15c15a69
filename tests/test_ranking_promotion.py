"""The optional 一把手招商 ranking indicator (issue 18 §3): off by default (scores do not move), and when
[ranking.weights] leader_promotion is set, trips by 党政主要领导 ÷ (month × main_trips_per_month) enter the score, in
the SQL ranking (page) and the Python one (slides, 通报) alike."""
from __future__ import annotations

from cockpit import queries
from cockpit.views import ranking
from cockpit.views import target_progress as progress
from tests.test_inspection import D, project
from tests.test_promotion import imported_ok, trip


def sql_scores(month: str, weight_map: dict[str, float]) -> dict[str, float | None]:
    rows = queries.run("ranking__scores", month=month, **progress.status_params(),
                       **ranking.score_params(weight_map))
    return {r["unit_id"]: r["score"] for r in rows.filter(rows["snapshot_month"] == month).iter_rows(named=True)}


def python_scores(month: str, weight_map: dict[str, float]) -> dict[str, float | None]:
    rows = queries.run("progress__by_metric", month=month, **progress.status_params())
    scores = ranking.scores(rows, weight_map)
    return {r["unit_id"]: r["score"] for r in scores.filter(scores["snapshot_month"] == month).iter_rows(named=True)}


def test_trips_by_main_leaders_score_only_when_weighted(data_root):
    imported_ok(data_root, "2020-02", projects=[project(1)], promotions=[
        trip("南湖区", D(2020, 2, 3), "张书记", "党政主要领导", "甲公司")])
    imported_ok(data_root, "2020-03", projects=[project(1)], promotions=[
        trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "乙公司"),
        trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "丙公司"),  # the same trip
        trip("南湖区", D(2020, 3, 20), "张书记", "党政主要领导", "丁公司"),
        trip("秀洲区", D(2020, 3, 4), "王副区长", "分管领导", "戊公司")])
    weighted = {"leader_promotion": 10.0}
    # 南湖: 3 trips by January–March ÷ (3 months × 1) = 1.0 -> 100; 秀洲 none -> 0
    for scores in (sql_scores("2020-03", weighted), python_scores("2020-03", weighted)):
        assert (scores["nanhu"], scores["xiuzhou"], scores["haining"]) == (100.0, 0.0, 0.0)
    assert sql_scores("2020-02", weighted)["nanhu"] == 50.0  # 1 trip ÷ 2 months
    # weight 0 (the default when absent): the indicator is left out, no unit has a score from it
    for scores in (sql_scores("2020-03", {"leader_promotion": 0.0}), python_scores("2020-03", {"leader_promotion": 0.0})):
        assert set(scores.values()) == {None}


def test_the_ranking_definition_says_so(monkeypatch):
    monkeypatch.setattr(ranking, "weights", lambda: {"starts": 10.0, "leader_promotion": 5.0})
    text = ranking.score_definition()
    assert "党政主要领导外出招商5" in text and "每月1次为达序时" in text
    monkeypatch.setattr(ranking, "weights", lambda: {"starts": 10.0, "leader_promotion": 0.0})
    assert "党政主要领导外出招商" not in ranking.score_definition()
