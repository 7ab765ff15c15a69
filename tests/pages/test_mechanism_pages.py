"""The 督查核查 and 一把手招商 pages (issue 18) under AppTest on a tiny hand-made import: figures from the data, the
units named, every view drawn, the 核查清单 download in the template's layout, meeting mode, an empty month."""
from __future__ import annotations

import io

import openpyxl
import polars as pl
import pytest

from cockpit.ingest import crosscheck
from cockpit.ingest.templates import workbook_bytes
from tests.helpers import choose_tab, record_downloads, run_page
from tests.test_inspection import D, code, do_import, project, verdict
from tests.test_promotion import trip


@pytest.fixture
def month_data(data_root, monkeypatch):
    monkeypatch.setenv("COCKPIT_TODAY", "2020-06-30")  # read by the import check in its child process
    monkeypatch.setattr(crosscheck, "today", lambda: D(2020, 6, 30))
    frames = {
        "projects": pl.DataFrame([project(1, started=D(2020, 3, 5)), project(2, started=D(2020, 3, 6)),
                                  project(3, "秀洲区", started=D(2020, 3, 7))]),
        "inspections": pl.DataFrame([verdict(1, "开工", D(2020, 4, 2), "不属实"),
                                     verdict(2, "开工", D(2020, 4, 2), "属实")]),
        "promotions": pl.DataFrame([trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "甲公司", "签约", code(2)),
                                    trip("秀洲区", D(2020, 3, 4), "王副区长", "分管领导", "乙公司")]),
    }
    result = do_import(data_root, "2020-03", workbook_bytes(frames=frames))
    assert result.ok, [str(p) for p in result.errors]
    return data_root


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_inspection_page(month_data, monkeypatch):
    seen = record_downloads(monkeypatch)
    at = run_page("inspection.py", "2020-03")
    assert metrics(at) == {"应核查": "3个", "已核查": "2个", "属实": "1个", "不属实": "1个", "待核": "0个",
                           "核查完成率": "66.7%"}
    assert [e.value for e in at.error] == ["逾期未核查：秀洲区"]  # April 15th has long passed (today)
    at = choose_tab(at, "inspection_tab", "核查清单")
    name, data = next((n, d) for n, d in seen if n.startswith("核查清单_"))
    sheet = openpyxl.load_workbook(io.BytesIO(data() if callable(data) else data))["核查结果"]
    assert [[c.value for c in row][:4] for row in sheet.iter_rows(min_row=2)] == [
        [code(1), "开工", None, None], [code(2), "开工", None, None], [code(3), "开工", None, None]]
    at = choose_tab(at, "inspection_tab", "不属实项目")
    assert any("另有1个经核查不属实，未计入（项目1）" in m.value for m in at.markdown)
    at = run_page("inspection.py", "2020-03", unit="nanhu")
    assert metrics(at)["应核查"] == "2个" and not at.error


def test_promotion_page(month_data):
    at = run_page("promotion.py", "2020-03")
    assert metrics(at) == {"主要领导外出": "1次", "领导外出": "2次", "对接企业": "2家", "签约项目": "1个",
                           "签约总投资": "2.0亿元"}
    assert at.warning[0].value.startswith("本月无主要领导外出招商：秀洲区、嘉善县")
    at = choose_tab(at, "promotion_tab", "活动清单")
    assert at.dataframe[0].value["签约项目名称"].to_list()[0] == "项目2"
    at = run_page("promotion.py", "2020-03", unit="nanhu")
    assert metrics(at)["主要领导外出"] == "1次" and not at.warning


def test_a_month_without_the_tables(data_root):
    do_import(data_root, "2020-03", workbook_bytes(frames={"projects": pl.DataFrame([project(1)])}))
    at = run_page("promotion.py", "2020-03")
    assert at.info[0].value.startswith("2020年3月尚未导入招商活动")
    at = run_page("inspection.py", "2020-03")
    assert metrics(at)["应核查"] == "0个" and metrics(at)["核查完成率"] == "—"


def test_home_names_the_refuted_starts_on_the_starts_tile(month_data):
    """Issue 18: a figure that leaves out 不属实 projects names them wherever it is shown, 首页 included."""
    at = run_page("home.py", "2020-03")
    tile_notes = [c.value for c in at.caption if "亿元以上项目开工" in c.value or "经核查不属实" in c.value]
    assert any("另有1个经核查不属实，未计入（项目1）" in n for n in tile_notes)  # one name on a tile, [c.value for c in at.caption]
    at = run_page("home.py", "2020-03", unit="xiuzhou")  # 秀洲区 has no refuted start
    assert not any("经核查不属实" in c.value for c in at.caption)


def test_targets_slide_says_what_the_refuted_verdicts_leave_out(month_data):
    """Issue 18 on the 全部目标 slide: one line under the table counts the 不属实 projects left out of 开工."""
    from cockpit import briefing
    from cockpit.views import inspection
    from cockpit.views import meeting as view

    number = next(i for i, s in enumerate(view.SLIDES, start=1) if s.name == "全部目标")
    frames = briefing.frames("2020-03", "city", view.SLIDES[number - 1].needs)
    assert inspection.refuted_summary(frames["inspection_refuted"], "city") == "开工另有1个经核查不属实，未计入"
    assert inspection.refuted_summary(frames["inspection_refuted"], "xiuzhou") is None
    shown = [a.text for a in view.build(number, frames, "2020-03", "city").layout.annotations]
    assert "督查核查：开工另有1个经核查不属实，未计入（名单见督查核查）" in shown
    shown = [a.text for a in view.build(number, briefing.frames("2020-03", "xiuzhou", view.SLIDES[number - 1].needs),
                                        "2020-03", "xiuzhou").layout.annotations]
    assert not any("督查核查" in t for t in shown)
