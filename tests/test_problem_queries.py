"""问题清单 on a hand-made register: states at the boundary days, the three lists, figures per unit, type and
责任单位, the warning raise, and the order of the items for the 例会."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import problems as view
from cockpit.views import snail_warnings
from tests.helpers import project, write

LAND_DEPT, HR_DEPT, DRC_DEPT = "市自然资源和规划局", "市人力社保局", "市发改委"


def problem(pid: str, serial: int, kind: str, due: str, raised: str = "2020-04-01", closed: str | None = None,
            department: str = HR_DEPT, meeting: bool | None = None) -> dict:
    return {"problem_id": pid, "project_code": project(serial)["project_code"], "problem_type": kind,
            "description": f"{kind}问题", "raised_on": raised, "department": department, "due_on": due,
            "closed_on": closed, "to_meeting": meeting}


@pytest.fixture
def june(data_root):
    # D = 2020-06-30.
    write(data_root, "2020-06", projects=[
        project(1, total_investment=20000.0),                         # 2亿元, 南湖
        project(2, "xiuzhou", total_investment=150000.0),             # 15亿元, 秀洲
        project(3, total_investment=20000.0),                         # 2亿元, 南湖
        project(4, "haining", total_investment=100000.0),             # 10亿元 exactly, 海宁
    ], problems=[
        problem("P01", 1, "用地", "2020-07-07", department=LAND_DEPT),    # 7 days to go → 临期
        problem("P02", 1, "用工", "2020-07-08"),                          # 8 days → 办理中
        problem("P03", 1, "融资", "2020-06-30"),                          # due today → 临期
        problem("P04", 2, "审批", "2020-06-29", department=DRC_DEPT),     # 1 day past → 超期
        problem("P05", 2, "用地", "2020-05-31", department=DRC_DEPT),     # 30 days past → 超期
        problem("P06", 2, "要素保障", "2020-05-30", department=DRC_DEPT),  # 31 days past → 严重超期
        problem("P07", 3, "其他", "2020-06-01", raised="2020-05-01", closed="2020-06-10"),  # closed this month, 40 d
        problem("P08", 3, "用地", "2020-03-01", raised="2020-02-01", closed="2020-03-01"),  # closed in March, 29 d
        problem("P09", 3, "用工", "2020-09-01", raised="2020-06-05", meeting=True),          # new, 办理中, 提交例会
        problem("P10", 1, "审批", "2020-06-25", raised="2020-06-01", closed="2020-06-20"),  # new and closed, 19 d
        problem("P11", 4, "用地", "2020-06-20", department=LAND_DEPT),    # 10 days past → 超期
        problem("P12", 4, "融资", "2020-01-31", raised="2020-01-02", department=LAND_DEPT),  # 151 d → 严重超期
    ])
    return data_root


def register(unit: str = "city"):
    return queries.run(view.REGISTER_QUERY, month="2020-06", unit=unit)


def summary(unit: str = "city"):
    return queries.run(view.SUMMARY_QUERY, month="2020-06", unit=unit)


def test_states_at_the_boundary_days(june):
    got = dict(register().select("problem_id", "state").rows())
    assert got == {"P01": "临期", "P02": "办理中", "P03": "临期", "P04": "超期", "P05": "超期", "P06": "严重超期",
                   "P07": "已办结", "P08": "已办结", "P09": "办理中", "P10": "已办结", "P11": "超期",
                   "P12": "严重超期"}
    overdue = dict(register().select("problem_id", "days_overdue").drop_nulls().rows())
    assert overdue == {"P04": 1, "P05": 30, "P06": 31, "P11": 10, "P12": 151}
    # worst first: 严重超期 (longest first), 超期, 临期 (soonest first), 办理中, 已办结
    assert register()["problem_id"].to_list()[:9] == ["P12", "P06", "P05", "P11", "P04", "P03", "P01", "P02", "P09"]


def test_thresholds_come_from_config(june, tmp_path, monkeypatch):
    from cockpit import REPO_DIR, derive

    text = (REPO_DIR / "config" / "cockpit.toml").read_text(encoding="utf-8")
    path = tmp_path / "cockpit.toml"
    path.write_text(text.replace("due_soon_days = 7", "due_soon_days = 8")
                    .replace("escalate_days = 30", "escalate_days = 29"), encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(path))
    derive.rederive()
    got = dict(register().select("problem_id", "state").rows())
    assert (got["P02"], got["P05"], got["P04"]) == ("临期", "严重超期", "超期")


def test_three_lists(june):
    lists = view.three_lists(register())
    assert {name: sorted(frame["problem_id"]) for name, frame in lists.items()} == {
        "新增": ["P09", "P10"],
        "推进中": ["P01", "P02", "P03", "P04", "P05", "P06", "P11", "P12"],
        "已办结": ["P07", "P10"],
    }


def test_figures_per_unit_type_and_department(june):
    rows = summary()
    nanhu = rows.filter((rows["grouping"] == "unit") & (rows["group_key"] == "nanhu")).row(0, named=True)
    # 南湖: P01 P02 P03 P07 P08 P09 P10; closed P07 (40 d), P08 (29 d), P10 (19 d)
    assert {k: nanhu[k] for k in ("problems", "new_problems", "closed_this_month", "open_problems", "overdue",
                                  "escalated", "due_soon", "closed", "median_close_days")} == {
        "problems": 7, "new_problems": 2, "closed_this_month": 2, "open_problems": 4, "overdue": 0,
        "escalated": 0, "due_soon": 2, "closed": 3, "median_close_days": 29.0}
    assert nanhu["close_rate"] == pytest.approx(3 / 7)
    units_rows = rows.filter(rows["grouping"] == "unit")
    assert units_rows.height == 9  # every unit, zeros included
    assert units_rows.filter(units_rows["group_key"] == "jiashan")["problems"].to_list() == [0]
    types = dict(rows.filter(rows["grouping"] == "type").select("group_name", "problems").rows())
    assert types == {"用地": 4, "用工": 2, "融资": 2, "审批": 2, "要素保障": 1, "其他": 1}
    table = view.summary_table(rows, "department")
    # the department holding the most overdue problems first
    assert table.select("责任单位", "超期（个）", "严重超期（个）").rows() == [
        (DRC_DEPT, 3, 1), (LAND_DEPT, 2, 1), (HR_DEPT, 0, 0)]


def test_overdue_problems_raise_the_project_warning(june):
    got = queries.run(snail_warnings.WARNING_QUERY, month="2020-06", **snail_warnings.warning_params())
    assert got.select("project_code", "grade", "reasons", "overdue_problems").rows() == [
        (project(2)["project_code"], "红", f"问题超期：要素保障（责任单位 {DRC_DEPT}，超期31天）（共3个问题超期）", 3),
        (project(4)["project_code"], "红", f"问题超期：融资（责任单位 {LAND_DEPT}，超期151天）（共2个问题超期）", 2),
    ]


def test_a_problem_overdue_not_escalated_raises_to_yellow_only(data_root):
    write(data_root, "2020-06", projects=[project(1)], problems=[
        problem("P1", 1, "用地", "2020-05-31", department=LAND_DEPT)])  # 30 days: 超期, not 严重超期
    got = queries.run(snail_warnings.WARNING_QUERY, month="2020-06", **snail_warnings.warning_params())
    assert got.select("grade", "reasons").rows() == [("黄", f"问题超期：用地（责任单位 {LAND_DEPT}，超期30天）")]


def test_closed_or_due_soon_problems_raise_nothing(data_root):
    write(data_root, "2020-06", projects=[project(1)], problems=[
        problem("P1", 1, "用地", "2020-05-01", closed="2020-06-29"),
        problem("P2", 1, "用工", "2020-07-01")])
    got = queries.run(snail_warnings.WARNING_QUERY, month="2020-06", **snail_warnings.warning_params())
    assert got.height == 0


def test_meeting_items_list_submitted_problems_then_escalated_big_ones(june):
    items = view.meeting_items(register(), "city")
    assert [(d.topic, d.unit, d.text) for d in items] == [
        ("提交例会问题", "南湖", "测试项目3（2.0亿元）：用工，责任单位 市人力社保局，办理时限2020年9月1日"),
        ("严重超期问题", "海宁", f"测试项目4（10.0亿元）：融资，责任单位 {LAND_DEPT}，超期151天"),
        ("严重超期问题", "秀洲", f"测试项目2（15.0亿元）：要素保障，责任单位 {DRC_DEPT}，超期31天"),
    ]
    assert [d.unit for d in view.meeting_items(register(), "xiuzhou")] == ["秀洲"]


def test_meeting_decisions_put_the_problems_first(june):
    from cockpit import briefing
    from cockpit.views import meeting

    data = briefing.frames("2020-06", "city")
    got = meeting.decisions(data["progress_rows"], data["snails"], data["warnings"], data["projects"],
                            "2020-06", "city", data["problem_register"])
    assert [d.topic for d in got[:3]] == ["提交例会问题", "严重超期问题", "严重超期问题"]
    fig = meeting.build(len(meeting.SLIDES), data, "2020-06", "city")
    texts = [a.text for a in fig.layout.annotations]
    assert any("推进组提交例会的问题" in t for t in texts)


def test_briefing_section(june):
    from cockpit import briefing

    section = view.briefing_section(briefing.frames("2020-06", "city"), "2020-06", "city")
    assert section.title == "问题办理情况"
    assert section.blocks[0].text == (
        "截至2020年6月30日，问题清单在册问题12个，已办结3个，办结率25.0%；未办结9个，其中超期5个（严重超期2个）、"
        "临期2个。本月新增2个，办结2个。")
    assert f"超期问题最多的责任单位是{DRC_DEPT}（3个，其中严重超期1个）。" in [
        b.text for b in section.blocks if hasattr(b, "text")]
    assert section.attachments[0].frame.height == 11  # all but P08 (closed in March)
