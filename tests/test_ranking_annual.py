"""年度累计 (issue 19 §3) on a hand-made score history: the mean of the months scored, its rank (ties shared), and
the year's quarterly 约谈 record."""
from __future__ import annotations

import polars as pl
import pytest

from cockpit.views import ranking, ranking_annual as annual

UNITS = [("a", "甲区", 1), ("b", "乙县", 2), ("c", "丙市", 3)]


def scores(by_month: dict[str, list[float | None]], unit_list=UNITS) -> pl.DataFrame:
    """One row per month × unit (a, b, c) with the given scores; rank as ranking__scores gives it."""
    rows = []
    for month, values in by_month.items():
        for (unit, name, order), score in zip(unit_list, values):
            rows.append({"snapshot_month": month, "year": int(month[:4]), "month_number": int(month[5:]),
                         "unit_id": unit, "unit_name": name, "unit_short": name[:-1], "sort_order": order,
                         "score": score})
    frame = pl.DataFrame(rows)
    return frame.with_columns(rank=pl.col("score").rank("min", descending=True).over("snapshot_month").cast(pl.Int64))


BY_MONTH = {
    "2019-12": [10.0, 20.0, 30.0],       # last year: not in 2020's mean; a at the bottom of 2019 Q4
    "2020-01": [80.0, 90.0, 70.0],
    "2020-02": [90.0, 80.0, None],       # c has no score in February: mean of its scored months
    "2020-03": [70.0, 70.0, 60.0],       # Q1 end: c at the bottom (not in 2019 Q4: 分管副市长)
    "2020-04": [100.0, 100.0, 100.0],    # after the selected month when month = 2020-03
}
HISTORY = scores(BY_MONTH)
# the same history for three real units (the slide names the unit of its view in the footer)
REAL = [("nanhu", "南湖区", 1), ("xiuzhou", "秀洲区", 2), ("jiashan", "嘉善县", 3)]
REAL_HISTORY = scores(BY_MONTH, REAL)


def test_mean_of_scored_months_and_rank(monkeypatch):
    got = annual.annual_scores(HISTORY, "2020-03")
    # a: (80+90+70)/3 = 80; b: (90+80+70)/3 = 80 (tie, shared rank 1); c: (70+60)/2 = 65 over 2 months
    assert got.select("unit_id", "annual_score", "months_scored", "annual_rank", "month_score", "month_rank").rows() \
        == [("a", pytest.approx(80.0), 3, 1, 70.0, 1), ("b", pytest.approx(80.0), 3, 1, 70.0, 1),
            ("c", pytest.approx(65.0), 2, 3, 60.0, 3)]
    april = annual.annual_scores(HISTORY, "2020-04")
    assert april.filter(pl.col("unit_id") == "c")["annual_score"][0] == pytest.approx(230 / 3)


def test_merged_january_is_not_a_month_of_its_own(monkeypatch):
    """[meeting] merge_january: January is not ranked on its own (February's 累计 covers 1–2月), so it is not a
    month of the annual mean either."""
    monkeypatch.setattr(ranking, "january_merged", lambda: True)
    got = annual.annual_scores(HISTORY, "2020-03")
    # a: (90+70)/2 = 80; b: (80+70)/2 = 75; c: 60 over 1 month (no February score)
    assert got.select("unit_id", "annual_score", "months_scored", "annual_rank").rows() == [
        ("a", pytest.approx(80.0), 2, 1), ("b", pytest.approx(75.0), 2, 2), ("c", pytest.approx(60.0), 1, 3)]
    assert "1月不单独排名，不计入年度累计" in annual.definition()
    monkeypatch.setattr(ranking, "january_merged", lambda: False)
    assert "1月不单独排名" not in annual.definition()


def test_interview_history(monkeypatch):
    monkeypatch.setattr(ranking, "settings", lambda: {"bottom_n": 1})
    quarters = ranking.quarters(HISTORY)
    history = annual.interview_history(quarters, "2020-03")
    assert history.select("unit_id", "quarter", "interview").rows() == [("c", 1, "分管副市长约谈")]
    assert annual.interview_history(quarters, "2020-02").height == 0  # Q1 not ended
    table = annual.annual_table(annual.annual_scores(HISTORY, "2020-03"), history)
    assert table.columns == ["年度累计排名", "县级主体", "年度累计得分", "参评月数", "本月得分", "本月排名", "本年约谈记录"]
    assert table["本年约谈记录"].to_list() == ["—", "—", "分管副市长约谈：一季度"]
    assert annual.history_table(history).row(0) == ("2020年第一季度", "丙市", 3, 60.0, "否", "分管副市长约谈")
    assert annual.history_table(history.head(0)).height == 0
    assert "末1位" in annual.definition()


# ---------------------------------------------------------------- the 例会 slide 年度考核 and the 通报's table

def slide_texts(month: str, unit: str = "city", history: pl.DataFrame | None = None, reason: str | None = None):
    """The slide's texts without markup: the table's rows (left of the 约谈 block, by line) and every text."""
    from cockpit.briefing.deck import plain
    from cockpit.views import meeting

    history = REAL_HISTORY if history is None else history
    fig = annual.scores_slide(meeting.Context(month, unit, 5, 13), history, reason)
    notes = [a for a in fig.layout.annotations if a.name != meeting.FOOTER]
    ys = [1 - (annual._ROW_TOP + i * annual._ROW_STEP) / meeting.HEIGHT for i in range(9)]
    rows = [tuple(plain(a.text) for a in notes if abs(a.y - y) < 1e-9 and a.x * meeting.WIDTH < annual._HISTORY_LEFT)
            for y in ys]
    return [r for r in rows if r], [plain(a.text) for a in notes], fig


def test_slide_ranks_by_the_mean_with_ties_and_the_year_record(monkeypatch):
    monkeypatch.setattr(ranking, "settings", lambda: {"bottom_n": 1})
    rows, texts, fig = slide_texts("2020-03")
    # 80 = 80% of 100: 落后 (▲); 65 below the far_behind line of 80: 严重落后 (✕); a and b tie on 80.00
    assert rows == [("1", "南湖", "▲ 80.00", "3", "第1名"), ("1", "秀洲", "▲ 80.00", "3", "第1名"),
                    ("3", "嘉善", "✕ 65.00", "2", "第3名")]
    assert texts[:2] == ["县市区排名·年度累计", "2020年1–3月各月综合得分平均"]
    history = texts[texts.index("本年季度末位约谈") + 1:]
    assert history[:3] == ["一季度", "嘉善", "分管副市长约谈"]  # 2019's last quarter is not this year's record
    assert any(t.startswith("口径：年度累计得分=") for t in texts)
    assert not any("1月：" in t for t in texts)
    assert not [s for s in fig.layout.shapes if s.fillcolor == annual._HIGHLIGHT]  # 全市: no unit marked


def test_slide_marks_the_units_row_and_its_record(monkeypatch):
    monkeypatch.setattr(ranking, "settings", lambda: {"bottom_n": 1})
    _rows, texts, fig = slide_texts("2020-03", "jiashan")
    at = texts.index("嘉善：年度第3名")  # the unit's own lines open the 约谈 block
    assert texts[at:at + 3] == ["嘉善：年度第3名", "分管副市长约谈：一季度", "本年季度末位约谈"]
    marked = [s for s in fig.layout.shapes if s.fillcolor == annual._HIGHLIGHT]
    assert len(marked) == 1 and abs(marked[0].y1 - (1 - (annual._ROW_TOP + 2 * annual._ROW_STEP
                                                          - annual._ROW_STEP / 2 + 3) / 1080)) < 1e-9  # third row
    _rows, texts, _fig = slide_texts("2020-03", "nanhu")
    at = texts.index("南湖：年度并列第1名")
    assert texts[at + 1] == "本年未被约谈"


def test_slide_in_january_says_the_mean_is_the_months_score():
    rows, texts, _fig = slide_texts("2020-01")
    assert rows == [("1", "秀洲", "▲ 90.00", "1", "第1名"), ("2", "南湖", "▲ 80.00", "1", "第2名"),
                    ("3", "嘉善", "✕ 70.00", "1", "第3名")]
    assert texts[1] == "2020年1月" and annual.JANUARY_SAME in texts
    assert texts[texts.index("本年季度末位约谈") + 1] == "本年尚无已结束的季度"


def test_slide_without_scores_says_why(monkeypatch):
    empty = scores({m: v if m < "2020" else [None, None, None] for m, v in BY_MONTH.items()}, REAL)
    _rows, texts, _fig = slide_texts("2020-03", history=empty)
    assert texts[-1] == "2020年截至所选月份没有县级主体的综合得分（缺分主体目标），无法计算年度累计得分"
    _rows, texts, _fig = slide_texts("2020-03", history=empty, reason="本年目标尚未导入")
    assert texts[-1] == "本年目标尚未导入，无法计算年度累计得分"
    # one unit never scored: listed last, not ranked
    partial = scores({m: [v[0], None, v[2]] for m, v in BY_MONTH.items()}, REAL)
    rows, _texts, _fig = slide_texts("2020-03", history=partial)
    assert rows[-1] == ("—", "秀洲", "未参评", "0", "—")
    monkeypatch.setattr(ranking, "january_merged", lambda: True)  # 1–2月 together: January has no ranking
    _rows, texts, _fig = slide_texts("2020-01")
    assert texts[-1] == ranking.JANUARY_NOTE


def test_slide_says_how_many_interviews_it_leaves_out(monkeypatch):
    """Every unit tied at the bottom each quarter: 12 lines fit for 全市; under a unit's own lines they do not, and
    the slide counts the rest."""
    monkeypatch.setattr(ranking, "settings", lambda: {"bottom_n": 1})
    tied = scores({f"2020-{m:02d}": [50.0, 50.0, 50.0] for m in range(1, 13)}, REAL)
    _rows, texts, _fig = slide_texts("2020-12", history=tied)
    assert sum(1 for t in texts if t in ("南湖", "秀洲", "嘉善")) == 3 + 12 and not any("另有" in t for t in texts)
    _rows, texts, _fig = slide_texts("2020-12", "nanhu", history=tied)
    assert texts[texts.index("南湖：年度并列第1名") + 1:][:2] == ["分管副市长约谈：一季度", "市长约谈：二、三、四季度"]
    history = texts[texts.index("本年季度末位约谈") + 1:texts.index(next(t for t in texts if t.startswith("口径")))]
    units_shown = sum(1 for t in history if t in ("南湖", "秀洲", "嘉善"))
    rest = next(t for t in history if t.startswith("另有"))
    assert rest == f"另有{12 - units_shown}条（见通报）" and 0 < units_shown < 12


def test_briefing_table_and_sentence(monkeypatch):
    monkeypatch.setattr(ranking, "settings", lambda: {"bottom_n": 1})
    blocks = annual.briefing_blocks(HISTORY, "2020-03")
    assert blocks[0].text == ("按2020年1—3月各月综合得分的平均数（年度累计得分）排名，前三位是甲区（80.00分）、乙县（80.00分）、"
                              "丙市（65.00分），末1位是丙市（65.00分）。本年季度排名末位约谈1人次，各县级主体约谈情况见下表。")
    table = blocks[1].frame
    assert table.columns == ["年度排名", "县级主体", "年度累计得分", "参评月数", "本月排名", "本年约谈记录"]
    assert table.rows() == [("1", "甲区", "80.00", "3", "1", "无"), ("1", "乙县", "80.00", "3", "1", "无"),
                            ("3", "丙市", "65.00", "2", "3", "分管副市长约谈：一季度")]
    assert blocks[1].caption == "县市区年度累计得分（2020年1—3月）"
    assert annual.briefing_blocks(HISTORY, "2020-01")[0].text.startswith("2020年1月年度累计得分即本月综合得分，前三位是乙县")
    empty = HISTORY.with_columns(score=pl.lit(None, pl.Float64))
    assert annual.briefing_blocks(empty, "2020-03") == []
