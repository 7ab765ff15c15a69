"""年度累计 (issue 19 §3) on a hand-made score history: the mean of the months scored, its rank (ties shared), and
the year's quarterly 约谈 record."""
from __future__ import annotations

import polars as pl
import pytest

from cockpit.views import ranking, ranking_annual as annual

UNITS = [("a", "甲区", 1), ("b", "乙县", 2), ("c", "丙市", 3)]


def scores(by_month: dict[str, list[float | None]]) -> pl.DataFrame:
    """One row per month × unit (a, b, c) with the given scores; rank as ranking__scores gives it."""
    rows = []
    for month, values in by_month.items():
        for (unit, name, order), score in zip(UNITS, values):
            rows.append({"snapshot_month": month, "year": int(month[:4]), "month_number": int(month[5:]),
                         "unit_id": unit, "unit_name": name, "unit_short": name[:1], "sort_order": order,
                         "score": score})
    frame = pl.DataFrame(rows)
    return frame.with_columns(rank=pl.col("score").rank("min", descending=True).over("snapshot_month").cast(pl.Int64))


HISTORY = scores({
    "2019-12": [10.0, 20.0, 30.0],       # last year: not in 2020's mean; a at the bottom of 2019 Q4
    "2020-01": [80.0, 90.0, 70.0],
    "2020-02": [90.0, 80.0, None],       # c has no score in February: mean of its scored months
    "2020-03": [70.0, 70.0, 60.0],       # Q1 end: c at the bottom (not in 2019 Q4: 分管副市长)
    "2020-04": [100.0, 100.0, 100.0],    # after the selected month when month = 2020-03
})


def test_mean_of_scored_months_and_rank(monkeypatch):
    got = annual.annual_scores(HISTORY, "2020-03")
    # a: (80+90+70)/3 = 80; b: (90+80+70)/3 = 80 (tie, shared rank 1); c: (70+60)/2 = 65 over 2 months
    assert got.select("unit_id", "annual_score", "months_scored", "annual_rank", "month_score", "month_rank").rows() \
        == [("a", pytest.approx(80.0), 3, 1, 70.0, 1), ("b", pytest.approx(80.0), 3, 1, 70.0, 1),
            ("c", pytest.approx(65.0), 2, 3, 60.0, 3)]
    april = annual.annual_scores(HISTORY, "2020-04")
    assert april.filter(pl.col("unit_id") == "c")["annual_score"][0] == pytest.approx(230 / 3)


def test_interview_history(monkeypatch):
    monkeypatch.setattr(ranking, "settings", lambda: {"bottom_n": 1})
    quarters = ranking.quarters(HISTORY)
    history = annual.interview_history(quarters, "2020-03")
    assert history.select("unit_id", "quarter", "interview").rows() == [("c", 1, "分管副市长约谈")]
    assert annual.interview_history(quarters, "2020-02").height == 0  # Q1 not ended
    table = annual.annual_table(annual.annual_scores(HISTORY, "2020-03"), history)
    assert table.columns == ["年度累计排名", "县级主体", "年度累计得分", "参评月数", "本月得分", "本月排名", "本年约谈记录"]
    assert table["本年约谈记录"].to_list() == ["—", "—", "一季度（分管副市长约谈）"]
    assert annual.history_table(history).row(0) == ("2020年第一季度", "丙市", 3, 60.0, "否", "分管副市长约谈")
    assert annual.history_table(history.head(0)).height == 0
    assert "末1位" in annual.definition()
