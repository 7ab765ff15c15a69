"""全生命周期 queries on a hand-made two-month ledger: funnel counts, median months between steps, stage moves."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import pipeline
from tests.helpers import project, write

# June 2020 (snapshot date 2020-06-30).
JUNE = [
    # P1 signed 2020: 签约 注册 供地 开工 (started in June's view, not May's)
    project(1, "nanhu", signed_on="2020-01-10", registered_on="2020-02-01", land_supplied_on="2020-03-01",
            started_on="2020-05-01"),
    # P2 signed 2020: 签约 注册
    project(2, "nanhu", signed_on="2020-03-01", registered_on="2020-03-31"),
    # P3 signed this month: 签约 only; not in May → 新增
    project(3, "xiuzhou", signed_on="2020-06-15"),
    # P4 signed 2019: outside the funnel, but its spans count in the durations
    project(4, "xiuzhou", signed_on="2019-05-01", registered_on="2019-06-01", land_supplied_on="2019-07-01",
            started_on="2019-09-01", completed_on="2020-04-01", production_on="2020-06-10"),
    # P5 signed 2020, started with no 注册/供地 dates: counted at 签约 and 开工 only
    project(5, "xiuzhou", signed_on="2020-02-01", started_on="2020-04-01"),
    # P7 signed in February, first listed in June → 新入库
    project(7, "jiashan", signed_on="2020-02-02"),
]
MAY = [
    project(1, "nanhu", signed_on="2020-01-10", registered_on="2020-02-01", land_supplied_on="2020-03-01"),
    project(2, "nanhu", signed_on="2020-03-01", registered_on="2020-03-31"),
    project(4, "xiuzhou", signed_on="2019-05-01", registered_on="2019-06-01", land_supplied_on="2019-07-01",
            started_on="2019-09-01", completed_on="2020-04-01"),
    project(5, "xiuzhou", signed_on="2020-02-01", started_on="2020-04-01"),
    project(6, "nanhu", signed_on="2020-01-05"),  # gone in June → 移出
]


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-05", projects=MAY)
    write(data_root, "2020-06", projects=JUNE)
    return data_root


def counts(frame, unit=None):
    rows = frame if unit is None else frame.filter(frame["unit_id"] == unit)
    totals = pipeline.city_funnel(rows)
    return dict(zip(totals["stage"], totals["projects"]))


def test_funnel_counts_this_years_projects_by_own_dates(ledger):
    funnel = queries.run("pipeline__funnel", month="2020-06", unit="city")
    # Signed 2020: P1 P2 P3 P5 P7 = 5; 注册 P1 P2; 供地 P1; 开工 P1 P5 (P5 without 供地); P4 (2019) left out.
    assert counts(funnel) == {"签约": 5, "注册": 2, "供地": 1, "开工": 2, "竣工": 0, "投产": 0, "达规": 0, "达产": 0}
    assert counts(funnel, "nanhu") == {"签约": 2, "注册": 2, "供地": 1, "开工": 1, "竣工": 0, "投产": 0,
                                       "达规": 0, "达产": 0}
    assert counts(funnel, "xiuzhou")["签约"] == 2 and counts(funnel, "xiuzhou")["开工"] == 1
    assert funnel.select("unit_id").unique().height == 9  # every unit present, zeros included
    # In May, P1 had not started: 开工 only P5.
    assert counts(queries.run("pipeline__funnel", month="2020-05", unit="city"))["开工"] == 1


def test_funnel_for_one_unit_and_table(ledger):
    funnel = queries.run("pipeline__funnel", month="2020-06", unit="xiuzhou")
    assert set(funnel["unit_id"]) == {"xiuzhou"}
    table = pipeline.unit_stage_table(funnel)
    assert table.height == 1  # one unit: no 合计 row
    assert table.row(0, named=True)["签约（个）"] == 2
    assert table.row(0, named=True)["注册率（%）"] == 0.0
    city = pipeline.unit_stage_table(queries.run("pipeline__funnel", month="2020-06", unit="city"))
    total = city.filter(city["县级主体"] == "合计").row(0, named=True)
    assert (total["签约（个）"], total["注册（个）"], total["注册率（%）"]) == (5, 2, 40.0)  # 2/5


def test_funnel_figure_values(ledger):
    fig = pipeline.funnel_figure(queries.run("pipeline__funnel", month="2020-06", unit="city"))
    assert list(fig.data[0].y) == ["签约", "注册", "供地", "开工", "竣工", "投产", "达规", "达产"]
    assert list(fig.data[0].x) == [5, 2, 1, 2, 0, 0, 0, 0]
    # shares of 签约 5: 2/5 = 40%, 1/5 = 20%
    assert list(fig.data[0].text[:4]) == ["5个（100%）", "2个（40%）", "1个（20%）", "2个（40%）"]


def test_share_text_keeps_small_shares_visible():
    assert pipeline.share_text(1, 555) == "0.2%"  # 0.18% would round to 0%
    assert pipeline.share_text(0, 555) == "0%"
    assert pipeline.share_text(3, 555) == "0.5%"
    assert pipeline.share_text(6, 555) == "1%"  # 1.08%
    assert pipeline.share_text(0, 0) == "—"


def test_funnel_heatmap_cells(ledger):
    heat = pipeline.funnel_heatmap(queries.run("pipeline__funnel", month="2020-06", unit="city")).data[0]
    assert list(heat.y)[:3] == ["南湖", "秀洲", "嘉善"] and len(heat.y) == 9
    # 南湖: 签约 2 (P1 P2), 注册 2, 供地 1, 开工 1 → 100%, 100%, 50%, 50%.  秀洲: 签约 2 (P3 P5), 开工 1 (P5).
    assert list(heat.z[0][:4]) == [1.0, 1.0, 0.5, 0.5]
    assert heat.text[1][3] == "1<br>50%"
    # 海盐 signed nothing: no share, the cell says — rather than 0%.
    haiyan = list(heat.y).index("海盐")
    assert heat.z[haiyan][0] is None and heat.text[haiyan][0] == "0<br>—"


def test_median_months_between_steps(ledger):
    durations = queries.run("pipeline__stage_durations", month="2020-06", unit="city")
    got = {(r["unit_id"], r["step"]): (r["n"], r["median_months"]) for r in durations.iter_rows(named=True)}
    # 签约→注册: P1 22 days, P2 30, P4 31 → median 30 days; nanhu P1 22, P2 30 → 26; xiuzhou P4 31.
    assert got[("city", "签约→注册")] == (3, pytest.approx(30 / 30.44))
    assert got[("nanhu", "签约→注册")] == (2, pytest.approx(26 / 30.44))
    assert got[("xiuzhou", "签约→注册")] == (1, pytest.approx(31 / 30.44))
    # 注册→供地: P1 29 days, P4 30 → 29.5.  供地→开工: P1 61 (Mar 31 + Apr 30), P4 62 (Jul 31 + Aug 31) → 61.5.
    assert got[("city", "注册→供地")] == (2, pytest.approx(29.5 / 30.44))
    assert got[("city", "供地→开工")] == (2, pytest.approx(61.5 / 30.44))
    # 开工→竣工: P4 2019-09-01 → 2020-04-01 = 30+31+30+31+31+29+31 = 213 days. 竣工→投产: 30+31+9 = 70.
    assert got[("city", "开工→竣工")] == (1, pytest.approx(213 / 30.44))
    assert got[("xiuzhou", "竣工→投产")] == (1, pytest.approx(70 / 30.44))
    # No project has 达规: n 0, no median. jiashan has no spans at all.
    assert got[("city", "投产→达规")] == (0, None)
    assert got[("jiashan", "签约→注册")] == (0, None)
    one = queries.run("pipeline__stage_durations", month="2020-06", unit="nanhu")
    assert set(one["unit_id"]) == {"nanhu", "city"}  # the unit plus 全市 for comparison
    table = pipeline.duration_table(one)
    assert table["县级主体"].to_list() == ["全市", "南湖区"]
    assert table.row(1, named=True)["签约→注册（月）"] == 0.9  # 26 / 30.44 = 0.854 → 0.9


def test_duration_figure_unit_against_city(ledger):
    city = pipeline.duration_figure(queries.run("pipeline__stage_durations", month="2020-06", unit="city"))
    assert [t.name for t in city.data] == ["全市"]  # nine units are in the table, the chart shows 全市
    assert city.data[0].customdata[0] == 3 and city.data[0].text[0] == "1.0个月<br>n=3"  # 30/30.44 = 0.99
    one = pipeline.duration_figure(queries.run("pipeline__stage_durations", month="2020-06", unit="nanhu"))
    nanhu, whole = one.data
    assert (nanhu.name, whole.name) == ("南湖", "全市")
    # 南湖 供地→开工: P1 only, 61 days → 2.0 months; 全市 61.5 days → 2.0; 南湖 has no 开工→竣工.
    assert nanhu.y[2] == pytest.approx(61 / 30.44) and nanhu.y[3] is None and nanhu.text[3] == "无数据"
    assert list(nanhu.x)[2] == "供地→开工<br>（拿地到开工）"


def test_stage_moves_between_two_months(ledger):
    moves = queries.run("pipeline__stage_moves", month="2020-06", previous_month="2020-05", unit="city")
    got = {(r["project_code"][-1], r["move"], r["stage_before"], r["stage_now"]) for r in moves.iter_rows(named=True)}
    # P1 供地→开工, P4 竣工→投产; P3 new and signed in June; P7 new, signed earlier; P6 gone; P2, P5 unchanged.
    assert got == {("1", "推进", "供地", "开工"), ("4", "推进", "竣工", "投产"), ("3", "新增", None, "签约"),
                   ("7", "新入库", None, "签约"), ("6", "移出", "签约", None)}
    summary = pipeline.move_counts(moves)
    assert summary["move"].to_list() == ["推进", "推进", "新增", "新入库", "移出"]
    assert summary["projects"].sum() == 5
    assert pipeline.move_count_table(summary).columns == ["变化", "上月阶段", "本月阶段", "项目数（个）"]
    bars = {t.name: dict(zip(t.y, t.x)) for t in pipeline.moves_figure(summary).data}
    assert bars == {"推进": {"供地→开工": 1, "竣工→投产": 1}, "新增": {"新增（签约）": 1},
                    "新入库": {"新入库（签约）": 1}, "移出": {"移出（签约）": 1}}
    xiuzhou = queries.run("pipeline__stage_moves", month="2020-06", previous_month="2020-05", unit="xiuzhou")
    assert sorted(xiuzhou["move"]) == ["推进", "新增"]  # P4, P3
    # No snapshot for the previous month: nothing to compare, no rows.
    assert queries.run("pipeline__stage_moves", month="2020-05", previous_month="2020-04", unit="city").is_empty()
