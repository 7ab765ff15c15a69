"""The “五未”土地 page under AppTest on the hand-checked two-month ledger of tests/test_idle_queries.py."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import project, write, run_page, dataframe_starting_with, choose_tab
from tests.test_idle_queries import JUNE, MAY


@pytest.fixture
def ledger(data_root):
    write(data_root, "2020-05", land=MAY, projects=[project(1)])
    write(data_root, "2020-06", land=JUNE, projects=[project(1, project_name="嘉兴某智能装备项目")])
    return data_root


def page(month: str = "2020-06", unit: str = "city") -> AppTest:
    return run_page("idle_land.py", month, unit)


def table(at: AppTest, first_column: str):
    return dataframe_starting_with(at, first_column)


def test_headline_and_categories_with_change_against_may(ledger):
    at = page()
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    # Now 153亩 in 7 parcels; May 255亩: −102亩.
    assert shown["“五未”土地（7宗）"] == ("153亩", "-102亩")
    assert shown["批而未供（2宗）"] == ("15亩", "-17亩")      # P1 10 + P6 5; May P2 20 + P6 5 + P9 7 = 32
    assert shown["供而未用（2宗）"] == ("28亩", "20亩")       # P2 20 + P7 8; May P7 8
    assert shown["用而未尽（1宗）"] == ("20亩", "-5亩")
    assert shown["投而未达规（1宗）"] == ("50亩", "-100亩")   # P8 reached 达规
    assert "较2020年5月" in at.caption[0].value


def test_parcel_list_filters_and_change_list(ledger):
    at = choose_tab(page(), "idle_tab", "地块清单")
    parcels = table(at, "县级主体")
    assert parcels["电子监管号"].tolist() == ["P6", "P1", "P7", "P2", "P3", "P4", "P5"]
    # the project's name links to its view on 项目查询 (the name shows; it rides in the link)
    assert parcels.set_index("电子监管号").loc["P2", "项目名称"] == (
        "project_explorer?name=" + quote("嘉兴某智能装备项目") + "&project=2020-330402-07-02-000001")
    assert parcels.set_index("电子监管号").loc["P7", "滞留时长"] == "6–12个月"
    changes = table(choose_tab(page(), "idle_tab", "环比变化"), "变化")
    assert sorted(zip(changes["变化"], changes["电子监管号"])) == [
        ("新增", "P1"), ("新增", "P2"), ("消除", "P2"), ("消除", "P8"), ("消除", "P9")]
    at.multiselect(key="idle_categories").set_value(["供而未用", "批而未供"]).run()
    at.multiselect(key="idle_buckets").set_value(["不满6个月"]).run()
    assert table(at, "县级主体")["电子监管号"].tolist() == ["P1", "P2"]
    at.number_input(key="idle_min_area").set_value(15.0).run()
    assert table(at, "县级主体")["电子监管号"].tolist() == ["P2"]


def test_unit_filter_and_first_month(ledger):
    at = page(month="2020-05", unit="xiuzhou")
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    assert shown["“五未”土地（4宗）"] == ("102亩", "")  # P4 40 + P5 50 + P6 5 + P9 7, no earlier snapshot
    assert "无上一期快照" in at.caption[0].value
    assert any("无法计算环比" in i.value for i in choose_tab(at, "idle_tab", "环比变化").info)
    assert table(choose_tab(at, "idle_tab", "地块清单"), "县级主体")["县级主体"].unique().tolist() == ["秀洲区"]


def test_list_capped_counts_in_sql_export_whole(ledger, tmp_path, monkeypatch):
    # issue 19 §6: the page never fetches the whole parcel list; the screen shows [display] list_rows rows with the
    # total from a count, and 导出Excel (built on click) holds every parcel of the filters
    import io

    import openpyxl

    from cockpit import queries
    from tests.helpers import record_downloads
    from tests.test_definitions import config_with

    config_with(tmp_path, monkeypatch, "list_rows = 2000", "list_rows = 2")
    ran: list[tuple[str, dict]] = []
    real = queries.run
    monkeypatch.setattr(queries, "run", lambda name, **params: ran.append((name, params)) or real(name, **params))
    downloads = record_downloads(monkeypatch)
    at = page()
    for tab in ("滞留时长", "地块清单"):
        at = choose_tab(at, "idle_tab", tab)
    assert table(at, "县级主体")["电子监管号"].tolist() == ["P6", "P1"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("共7宗，“五未”面积153.0亩") for c in captions)
    assert "显示前2条，共7条，导出Excel含全部。" in captions
    at.number_input(key="idle_min_area").set_value(20.0).run()
    assert table(at, "县级主体")["电子监管号"].tolist() == ["P2", "P3"]
    assert "显示前2条，共4条，导出Excel含全部。" in [c.value for c in at.caption]
    assert {"idle__aging", "idle__list", "idle__list_summary"} <= {name for name, _ in ran}
    assert all(params["limit"] == 2 for name, params in ran if name == "idle__list")  # never the whole list
    export = next(d for n, d in reversed(downloads) if n.startswith("五未土地清单"))
    sheet = openpyxl.load_workbook(io.BytesIO(export())).worksheets[0]
    assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["P2", "P3", "P4", "P5"]
