"""Lists and map layers capped for the screen (config [display], cockpit/views/lists.py): the map queries send
only the largest points with the count of located ones; the 项目查询 and 蜗牛/预警 lists show the first N rows in
their own order, say "显示前N条，共M条", and the Excel export holds the whole list."""
from __future__ import annotations

import io

import openpyxl
import pytest

from cockpit import queries
from cockpit.views import lists
from tests.helpers import choose_tab, dataframe_starting_with, linked_names, record_downloads, run_page, write
from tests.test_definitions import config_with
from tests.test_maps import LAND, MONTH, PROJECTS
from tests.test_explorer_queries import JUNE, MAY, NODES
from tests.test_explorer_queries import LAND as EXPLORER_LAND


@pytest.fixture
def map_ledger(data_root):
    write(data_root, MONTH, land=LAND, projects=PROJECTS)
    return data_root


def test_map_projects_layer_sends_the_largest(map_ledger):
    # located: 南湖甲项目 2亿 and 经开乙项目 0.5亿 (project 2 has no location)
    whole = queries.run("map__projects", month=MONTH, unit="city", limit=10)
    assert whole["project_name"].to_list() == ["南湖甲项目", "经开乙项目"] and whole["located"].to_list() == [2, 2]
    top = queries.run("map__projects", month=MONTH, unit="city", limit=1)
    assert top["project_name"].to_list() == ["南湖甲项目"] and top["located"].to_list() == [2]


def test_map_parcels_layer_sends_the_largest_idle_area(map_ledger):
    # located “五未”: P1 批而未供 10亩, P2 用而未尽 15亩 (P3 not idle, P4 has no location)
    whole = queries.run("map__parcels", month=MONTH, unit="city", limit=10)
    assert sorted(zip(whole["parcel_id"], whole["idle_area"])) == [("P1", 10.0), ("P2", 15.0)]
    top = queries.run("map__parcels", month=MONTH, unit="city", limit=1)
    assert top["parcel_id"].to_list() == ["P2"] and top["located"].to_list() == [2]


def test_cap_note_and_layer_note():
    assert lists.cap_note(2000, 2000) is None
    assert lists.cap_note(2001, 2000) == "显示前2,000条，共2,001条，导出Excel含全部。"
    assert lists.layer_note(3, 3, "总投资") == "3个有坐标"
    assert lists.layer_note(2000, 5000, "面积", "宗") == "共5,000宗有坐标，显示面积最大的2,000宗"


def xlsx_rows(data) -> int:
    sheet = openpyxl.load_workbook(io.BytesIO(data() if callable(data) else data)).worksheets[0]
    return sheet.max_row - 1  # less the header row


@pytest.fixture
def explorer_ledger(data_root):
    write(data_root, "2020-05", projects=MAY, nodes=NODES, land=EXPLORER_LAND)
    write(data_root, "2020-06", projects=JUNE, nodes=NODES, land=EXPLORER_LAND)
    return data_root


def explorer_list(at) -> list[str]:
    return at.dataframe[0].value["项目名称"].tolist()


def test_explorer_list_capped_export_whole(explorer_ledger, tmp_path, monkeypatch):
    full = explorer_list(run_page("project_explorer.py", "2020-06"))
    assert len(full) == 4
    config_with(tmp_path, monkeypatch, "list_rows = 2000", "list_rows = 2")
    downloads = record_downloads(monkeypatch)
    at = run_page("project_explorer.py", "2020-06")
    assert explorer_list(at) == full[:2]  # the first two in the list's own order
    assert any("显示前2条，共4条，导出Excel含全部" in c.value for c in at.caption)
    assert any("共4个项目" in c.value for c in at.caption)  # the count is of the whole list
    name, data = next((n, d) for n, d in downloads if n.startswith("项目查询"))
    assert xlsx_rows(data) == 4


def test_warning_list_capped_export_whole(data_root, tmp_path, monkeypatch):
    from tests.pages.test_snail_warnings import JUNE as SNAIL_JUNE, JUNE_NODES, MAY as SNAIL_MAY

    write(data_root, "2020-05", projects=SNAIL_MAY)
    write(data_root, "2020-06", projects=SNAIL_JUNE, nodes=JUNE_NODES)
    full = linked_names(dataframe_starting_with(choose_tab(run_page("snail_warnings.py", "2020-06"),
                                                           "snail_tab", "分级预警"), "预警等级"))["项目名称"].tolist()
    assert len(full) == 3
    config_with(tmp_path, monkeypatch, "list_rows = 2000", "list_rows = 1")
    downloads = record_downloads(monkeypatch)
    at = run_page("snail_warnings.py", "2020-06")
    snails = linked_names(dataframe_starting_with(at, "项目名称"))["项目名称"].tolist()
    assert len(snails) == 1 and any("显示前1条，共4条" in c.value for c in at.caption)
    assert xlsx_rows(next(d for n, d in downloads if n.startswith("蜗牛项目清单"))) == 4
    at = choose_tab(at, "snail_tab", "分级预警")
    warned = linked_names(dataframe_starting_with(at, "预警等级"))["项目名称"].tolist()
    assert warned == full[:1] and any("显示前1条，共3条" in c.value for c in at.caption)
    assert xlsx_rows(next(d for n, d in reversed(downloads) if n.startswith("分级预警清单"))) == 3


def test_stage_moves_list_capped_export_whole(data_root, tmp_path, monkeypatch):
    """全生命周期's 阶段变化项目: 5 moves on the two-month ledger; with list_rows = 2 the screen shows 2, the export 5,
    and the counts above stay those of all five."""
    from tests.test_pipeline_queries import JUNE as PIPE_JUNE, MAY as PIPE_MAY

    write(data_root, "2020-05", projects=PIPE_MAY)
    write(data_root, "2020-06", projects=PIPE_JUNE)
    config_with(tmp_path, monkeypatch, "list_rows = 2000", "list_rows = 2")
    downloads = record_downloads(monkeypatch)
    at = choose_tab(run_page("pipeline.py", "2020-06"), "pipeline_tab", "本月阶段变化")
    assert len(dataframe_starting_with(at, "变化", "项目名称")) == 2
    assert any("显示前2条，共5条，导出Excel含全部" in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["推进"] == "2个"
    assert xlsx_rows(next(d for n, d in reversed(downloads) if n.startswith("阶段变化项目"))) == 5
