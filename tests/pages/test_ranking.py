"""县市区排名 page under AppTest: the ranking, rank changes and the quarterly 约谈 on hand-made ledgers."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


from tests.test_progress_queries import build_ledger
from tests.test_ranking_queries import QUARTER_VALUES, UNITS
from tests.helpers import write, run_page, choose_tab
from tests.test_progress_queries import WAN, indicator, target


def open_page(month: str, unit: str = "city") -> AppTest:
    return run_page("ranking.py", month, unit)


def test_ranking_table_scores_and_changes(data_root):
    build_ledger(data_root)
    at = open_page("2020-06")
    assert at.title[0].value == "县市区排名" and "较2020年3月" in at.caption[0].value
    table = at.dataframe[0].value
    first, second = table.iloc[0].to_dict(), table.iloc[1].to_dict()
    # default weights, see tests/test_ranking_queries.py: 南湖 80.35 (was 2nd in March), 秀洲 80.0 (was 1st)
    assert (first["排名"], first["县级主体"], first["综合得分"], first["较上月"]) == (1, "南湖区", 80.3, "↑1")
    assert (second["排名"], second["县级主体"], second["综合得分"], second["较上月"]) == (2, "秀洲区", 80.0, "↓1")
    assert first["最弱指标（序时完成度）"] == "亿元以上项目开工（33%）"
    # only two units have targets: no quarterly 约谈 (needs more than two ranked units)
    assert not at.error and not at.warning
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("导出PNG") == len(at.get("plotly_chart")) and "导出Excel" in labels


def test_selected_unit_sees_its_rank(data_root):
    build_ledger(data_root)
    at = open_page("2020-06", "xiuzhou")
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    assert shown["秀洲排名"] == ("第2名", "较上月↓1")
    assert shown["综合得分"] == ("80.0", "全部目标中落后1/1项")  # its one target, 工业投资 0.8, is 落后
    assert shown["最弱指标"][0] == "工业投资"


def test_quarterly_interviews(data_root):
    write(data_root, "2020", targets=[target(u, "工业投资", 120 * WAN, "万元") for u in UNITS])
    for month, values in QUARTER_VALUES.items():
        write(data_root, month, indicators=[indicator(month, u, v * WAN) for u, v in values.items()])
    # default weights, only 工业投资 has targets → score = 100 × 序时完成度 (see the quarter fixture)
    at = open_page("2020-06")
    assert [e.value for e in at.error] == [
        "2020年第二季度排名末位：嘉兴港区、桐乡市。连续两个季度末位，由市长约谈：嘉兴港区。分管副市长约谈：桐乡市。"]
    at = choose_tab(open_page("2020-08"), "ranking_tab", "季度约谈")  # the latest finished quarter is still Q2
    quarters = at.dataframe[0].value
    assert quarters[["季度", "县级主体", "约谈"]].values.tolist() == [
        ["2020年第一季度", "嘉兴经济技术开发区", "分管副市长约谈"],  # rank 8 (70)
        ["2020年第一季度", "嘉兴港区", "分管副市长约谈"],            # rank 9 (65)
        ["2020年第二季度", "嘉兴港区", "市长约谈"],      # rank 8 (70)
        ["2020年第二季度", "桐乡市", "分管副市长约谈"],  # rank 9 (65)
    ]
    at = open_page("2020-03")
    assert [w.value for w in at.warning] == ["2020年第一季度排名末位：嘉兴经济技术开发区、嘉兴港区。由分管副市长约谈。"]


def test_without_unit_targets_the_page_says_why(data_root):
    write(data_root, "2020", targets=[target("city", "工业投资", 900 * WAN, "万元")])
    write(data_root, "2020-06", indicators=[indicator("2020-06", "nanhu", 10 * WAN)])
    at = open_page("2020-06")
    assert "无法计算综合得分" in at.info[0].value


def test_bottom_two_with_a_tie_and_what_the_score_covers(data_root):
    write(data_root, "2020", targets=[target(u, "工业投资", 120 * WAN, "万元") for u in UNITS])
    for month, values in QUARTER_VALUES.items():
        write(data_root, month, indicators=[indicator(month, u, v * WAN) for u, v in values.items()])
    at = open_page("2020-09")
    shown = [m.value for m in at.markdown]
    # September: 海宁 and 桐乡 tie at 70.0 above 平湖 (60.0): all three are 末2位
    assert "**本月排名末2位：** 海宁市（第7名，70.0分）、桐乡市（第7名，70.0分）、平湖市（第9名，60.0分）" in shown
    assert any(t.startswith("**综合得分：9项速度、总量与质量指标，100分=这些指标均达序时**（工业投资、") for t in shown)
    assert at.dataframe[0].value["全部目标中落后"].tolist()[-1] == "落后1/1项"  # 平湖: its one target, behind


JANUARY = {"nanhu": 12, "xiuzhou": 11, "jiashan": 10, "haiyan": 9, "haining": 8, "pinghu": 7, "tongxiang": 6,
           "jingkai": 5, "gangqu": 4}  # 亿元 of 120: 序时 8.3% = 10亿 → scores 120 … 40
FEBRUARY = {"nanhu": 14, "xiuzhou": 22, "jiashan": 20, "haiyan": 18, "haining": 16, "pinghu": 15, "tongxiang": 12,
            "jingkai": 10, "gangqu": 8}  # 序时 16.7% = 20亿 → xiuzhou 110, jiashan 100, …, nanhu 70 sixth


def january_ledger(data_root) -> None:
    write(data_root, "2020", targets=[target(u, "工业投资", 120 * WAN, "万元") for u in UNITS])
    for month, values in (("2020-01", JANUARY), ("2020-02", FEBRUARY)):
        write(data_root, month, indicators=[indicator(month, u, v * WAN) for u, v in values.items()])


def test_merged_january_reports_one_and_two_together(data_root, tmp_path, monkeypatch):
    from cockpit.views import meeting, ranking
    from tests.test_definitions import config_with

    january_ledger(data_root)
    at = open_page("2020-02")  # each month on its own (the default): February compares with January
    table = at.dataframe[0].value
    assert table["较上月"].tolist()[:2] == ["↑1", "↑1"]  # xiuzhou 2nd → 1st, jiashan 3rd → 2nd
    assert table.set_index("县级主体").loc["南湖区", "较上月"] == "↓5"  # 1st → 6th
    config_with(tmp_path, monkeypatch, "merge_january = false", "merge_january = true")
    at = open_page("2020-01")
    assert [i.value for i in at.info] == ["1–2月合并通报：1月不单独排名，2月例会按1–2月累计数排名。"]
    assert not at.dataframe and not at.get("plotly_chart")
    at = open_page("2020-02")
    assert at.caption[0].value.startswith("2020年1–2月　｜") and "1–2月合并，不比较名次" in at.caption[0].value
    table = at.dataframe[0].value
    assert table["县级主体"].tolist()[:2] == ["秀洲区", "嘉善县"] and set(table["较上月"]) == {"—"}
    assert any("1–2月合并通报：1月不单独排名" in c.value and "2月的名次不与1月比较" in c.value for c in at.caption)
    # the slides: February is 1–2月 on the cover and the ranking; January has no ranking
    from cockpit import briefing

    february = briefing.frames("2020-02", "city", ("progress_rows",))
    cover = [a.text for a in meeting.build(1, february, "2020-02", "city").layout.annotations]
    assert "<b>2020年1–2月</b>" in cover
    ranked = [a.text for a in meeting.build(4, february, "2020-02", "city").layout.annotations]
    assert any("2020年1–2月" in t and "1–2月合并，不比较名次" in t for t in ranked)
    january = briefing.frames("2020-01", "city", ("progress_rows",))
    shown = [a.text for a in meeting.build(4, january, "2020-01", "city").layout.annotations]
    assert ranking.JANUARY_NOTE in shown and not any("约谈" in t for t in shown)
    assert meeting.interview_text(ranking.month_scores(ranking.scores(january["progress_rows"]), "2020-01"),
                                  ranking.quarters(ranking.scores(january["progress_rows"])), "2020-01") == [
        ranking.JANUARY_NOTE]
