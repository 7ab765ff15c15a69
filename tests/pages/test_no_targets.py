"""A January imported before its 年度目标 (issue 16): every page and slide opens for 2021-01 while only the 2020
targets exist, and shows the figures with “本年目标尚未导入” instead of failing (首页 raised on st.columns(0))."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR, briefing, queries
from cockpit.ingest.importer import SourceInput, import_sources
from cockpit.views import meeting
from cockpit.views import target_progress as progress

PAGE_FILES = sorted(str(p.relative_to(REPO_DIR)) for p in (REPO_DIR / "pages").glob("*.py"))
PROJECTS = ["项目代码", "项目名称", "县级主体", "项目类别", "总投资（万元）", "签约日期", "实际开工日期", "合同开工日期"]
INDICATORS = ["统计月份", "县级主体", "指标名称", "本年累计", "上年同期累计", "计量单位"]
FIRST = ["2020-330402-07-02-000001", "甲项目", "南湖区", "制造业", "200000", "2020-01-10", "2020-05-01", "2020-04-01"]


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def imported(root: Path, month: str, files: dict[str, list[list[str]]]) -> None:
    result = import_sources([SourceInput(name, csv_bytes(rows)) for name, rows in files.items()], month, root=root)
    assert result.errors == [] and result.ok, result.errors


@pytest.fixture(scope="module")
def january_root(tmp_path_factory) -> Path:
    """2020-12 with the 2020 targets, then 2021-01 without any 2021 target, both through the real import."""
    root = tmp_path_factory.mktemp("no_targets") / "data"
    imported(root, "2020-12", {
        "年度目标.csv": [["年度", "县级主体", "指标名称", "目标值", "计量单位"],
                      ["2020", "全市", "工业投资", "900", "亿元"], ["2020", "南湖区", "工业投资", "100", "亿元"],
                      ["2020", "全市", "亿元以上项目开工", "280", "个"]],
        "项目库.csv": [PROJECTS, FIRST],
        "月度指标.csv": [INDICATORS, ["2020-12", "全市", "工业投资", "850", "800", "亿元"],
                     ["2020-12", "南湖区", "工业投资", "95", "90", "亿元"]],
    })
    imported(root, "2021-01", {
        "项目库.csv": [PROJECTS, FIRST, ["2021-330481-07-02-000002", "乙项目", "海宁市", "制造业", "60000",
                                         "2021-01-05", "", "2020-06-01"]],
        "土地.csv": [["电子监管号", "县级主体", "土地用途", "面积（亩）", "批准日期", "供地日期"],
                   ["3304022020B00001", "南湖区", "工业用地", "120.5", "2019-05-06", "2019-08-01"]],
        "月度指标.csv": [INDICATORS, ["2021-01", "全市", "工业投资", "70", "65", "亿元"],
                     ["2021-01", "南湖区", "工业投资", "8", "7", "亿元"]],
        "推进节点.csv": [["项目代码", "节点名称", "计划完成日期", "实际完成日期"],
                     ["2021-330481-07-02-000002", "立项", "2020-10-01", ""]],
    })
    return root


@pytest.fixture
def january(january_root: Path, monkeypatch) -> Path:
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(january_root))
    return january_root


def run(path: str, unit: str = "city", meeting_mode: bool = False, month: str = "2021-01") -> AppTest:
    at = AppTest.from_file(str(REPO_DIR / path), default_timeout=120)
    at.session_state["filter_month"] = month
    at.session_state["filter_unit"] = unit
    at.session_state["meeting_mode"] = meeting_mode
    at.run()
    assert not at.exception, (path, [e.value for e in at.exception])
    return at


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def test_the_fixture_is_a_january_without_its_targets(january):
    rows = queries.run("progress__by_metric", month="2021-01", **progress.status_params())
    assert progress.targets_missing(rows, "2021-01")
    december = queries.run("progress__by_metric", month="2020-12", **progress.status_params())
    assert not progress.targets_missing(december, "2020-12")


@pytest.mark.parametrize("path", PAGE_FILES)
@pytest.mark.parametrize("unit, meeting_mode", [("city", False), ("nanhu", False), ("city", True)])
def test_every_page_opens_for_a_month_without_targets(january, path, unit, meeting_mode):
    at = run(path, unit, meeting_mode)
    assert at.title or at.header or at.subheader, f"{path} shows no heading"
    assert not any("页面出错" in e.value for e in at.error)


def test_home_shows_the_figures_with_the_missing_targets_note(january):
    at = run("pages/home.py")
    assert infos(at) == [progress.no_targets_note(2021)] and progress.NO_TARGETS in infos(at)[0]
    texts = [m.value for m in at.markdown]
    # 工业投资 2021-01 本年累计 70亿元 (全市, as imported), shown although there is no 2021 target to compare
    assert texts[texts.index("**工业投资**") + 1].endswith(">70.00亿元</div>")
    notes = [c.value for c in at.caption]
    assert f"{progress.NO_TARGETS}　→ 目标进度" in notes
    nanhu = run("pages/home.py", "nanhu")
    texts = [m.value for m in nanhu.markdown]
    assert texts[texts.index("**工业投资**") + 1].endswith(">8.00亿元</div>")


def test_home_of_a_month_with_targets_has_no_such_note(january):
    at = run("pages/home.py", month="2020-12")
    assert not any(progress.NO_TARGETS in i for i in infos(at))
    assert any("完成94.4%" in c.value for c in at.caption)  # 850 of 900亿元


@pytest.mark.parametrize("path", ["pages/target_progress.py", "pages/ranking.py"])
def test_target_pages_say_the_targets_are_missing(january, path):
    assert progress.no_targets_note(2021) in infos(run(path))


@pytest.mark.parametrize("unit", ["city", "nanhu"])
def test_every_slide_builds_and_says_why_there_is_no_rate(january, unit):
    frames = briefing.frames("2021-01", unit)
    texts = {}
    for number in range(1, len(meeting.SLIDES) + 1):
        figure = meeting.build(number, frames, "2021-01", unit)
        texts[meeting.SLIDES[number - 1].name] = " ".join(a.text for a in figure.layout.annotations)
    for name in ("总量", "全部目标", "县市区排名", "年度考核"):
        assert progress.NO_TARGETS in texts[name], name
    assert "70.0" in texts["总量"] if unit == "city" else "8.0" in texts["总量"]


def test_app_frame_opens_on_the_january_by_default(january):
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="filter_month").value == "2021-01"
    assert not any("页面出错" in e.value for e in at.error)
