"""queries/ranking__scores.sql computes the 县市区排名 score, ranks, rank changes, strongest / weakest and
left-out metrics in SQL; on the ranking fixtures it gives exactly what cockpit/views/ranking.py `scores` gives
(whose expectations tests/test_ranking_queries.py checks by hand), and the hand-checked figures directly."""
from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from cockpit import queries
from cockpit.views import ranking, target_progress as progress
from tests.test_ranking_queries import UNITS, score_row  # noqa: F401
from tests.test_progress_queries import build_ledger

COLUMNS = ["snapshot_month", "unit_id", "score", "metrics_used", "rank", "prev_month", "prev_rank", "rank_change",
           "strongest", "strongest_ratio", "weakest", "weakest_ratio", "unscored", "missing_data", "targets_behind",
           "targets_rated"]


def sql(month: str, weight_map=None, cap=None) -> pl.DataFrame:
    return ranking.sql_scores(queries.run("ranking__scores", month=month, **progress.status_params(),
                                          **ranking.score_params(weight_map, cap)))


def polars_scores(month: str, weight_map=None, cap=None) -> pl.DataFrame:
    rows = queries.run("progress__by_metric", month=month, **progress.status_params())
    return ranking.scores(rows, weight_map, cap)


@pytest.fixture
def ledger(data_root):
    build_ledger(data_root)
    return data_root


@pytest.mark.parametrize("weight_map,cap", [({"industrial_investment": 2, "starts": 1}, 1.5),
                                            ({"industrial_investment": 2, "starts": 1}, 0.85),
                                            (None, None)])
def test_sql_scores_equal_the_view_scores(ledger, weight_map, cap):
    got, expected = sql("2020-06", weight_map, cap), polars_scores("2020-06", weight_map, cap)
    assert got.height == expected.height > 0
    assert_frame_equal(got.select(COLUMNS), expected.select(COLUMNS), check_dtypes=False)


def test_sql_scores_hand_checked(ledger):
    scores = sql("2020-06", {"industrial_investment": 2, "starts": 1}, cap=0.85)
    # nanhu: 工业投资 capped at 0.85 × 2 = 1.7, 开工 1/3 × 1 → 100 × (1.7 + 1/3) ÷ 3 = 67.8
    assert score_row(scores, "2020-06", "nanhu")["score"] == round(100 * (1.7 + 1 / 3) / 3, 1)
    defaults = sql("2020-06")
    assert score_row(defaults, "2020-03", "nanhu")["score"] == pytest.approx(87.5)
    assert score_row(defaults, "2020-03", "xiuzhou")["score"] == pytest.approx(120.0)


def test_weights_are_values_not_sql(ledger):
    # a key that is not a metric (even one that looks like SQL) just matches nothing
    scores = sql("2020-06", {"x'); drop table projects; --": 1.0}, cap=1.5)
    assert scores["score"].is_null().all() and scores["rank"].is_null().all()
