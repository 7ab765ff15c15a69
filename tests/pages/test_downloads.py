"""Every download button on every page produces a file that opens: each 导出Excel workbook in openpyxl (headers
Chinese, numbers as numbers), each 导出PNG image in Pillow, each template. The buttons' data callables run only
when a user clicks, so a NameError inside one (项目查询's 导出Excel once) is invisible to a test that only runs pages;
this test runs every one of them."""
from __future__ import annotations

import io
import re

import openpyxl
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR, exports, queries, schema
from cockpit.charts import theme
from cockpit.navigation import PAGES
from cockpit.views import idle_land
from tests.helpers import choose_tab, record_downloads

PAGE_FILES = [path for _group, path, _title, _icon in PAGES]
ENGLISH_HEADER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@pytest.fixture
def recorded(monkeypatch):
    """The (file name, data or data callable) of every download button the page draws."""
    return record_downloads(monkeypatch)


def run(path: str, recorded: list, month: str = "2020-12", unit: str = "city", query: dict | None = None,
        state: dict | None = None) -> AppTest:
    recorded.clear()
    at = AppTest.from_file(str(REPO_DIR / path), default_timeout=120)
    at.session_state["filter_month"] = month
    at.session_state["filter_unit"] = unit
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_download(file_name: str, data) -> str:
    """Runs the callable (or takes the bytes) and opens the file; returns what kind it was."""
    content = data() if callable(data) else data
    assert isinstance(content, bytes) and content, file_name
    if file_name.endswith(".xlsx"):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        for sheet in workbook.worksheets:
            headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
            assert all(headers), (file_name, sheet.title, headers)
            if sheet.title != "说明":  # templates carry a sheet of instructions
                assert not [h for h in headers if ENGLISH_HEADER.match(str(h))], (file_name, headers)
        return "xlsx"
    if file_name.endswith(".png"):
        image = Image.open(io.BytesIO(content))
        image.verify()
        assert image.format == "PNG"
        assert image.size == (theme.EXPORT_WIDTH * theme.EXPORT_SCALE, theme.EXPORT_HEIGHT * theme.EXPORT_SCALE)
        return "png"
    raise AssertionError(f"unexpected download {file_name}")


def check_every_download(at: AppTest, recorded: list) -> list[str]:
    assert len(recorded) == len(at.get("download_button"))  # every button's data was seen
    return [open_download(name, data) for name, data in recorded]


needs_chromium = pytest.mark.skipif(exports.browser_path() is None, reason="PNG export needs Chromium")


def every_view(at: AppTest, recorded: list) -> list[str]:
    """The downloads of each of the page's views (pages draw only the view chosen in their segmented control)."""
    kinds = check_every_download(at, recorded)
    bars = [c for c in at.segmented_control if c.label == "视图"]
    for bar in bars:
        for option in bar.options[1:]:  # the first is drawn already
            recorded.clear()
            at.segmented_control(key=bar.key).set_value(option).run()
            assert not at.exception, [e.value for e in at.exception]
            kinds += check_every_download(at, recorded)
    return kinds


@needs_chromium
@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_download_on_the_page_opens(sample_data, recorded, path):
    at = run(path, recorded)
    kinds = every_view(at, recorded)
    if path in ("pages/home.py", "pages/meeting.py"):  # no table downloads (the 通报 pack: tests/test_briefing.py)
        assert kinds == []
    elif path == "pages/project_explorer.py":  # the list; a project's own tables: the next test
        assert kinds == ["xlsx"]
    elif path == "pages/data_admin.py":  # templates (one per table, one with all of them); 一张网: summary and rows
        assert kinds == ["xlsx"] * (len(schema.TABLES) + 1 + 2)
    else:
        assert "xlsx" in kinds and "png" in kinds, kinds


@needs_chromium
def test_downloads_of_one_project_and_of_the_map_layers(sample_data, recorded):
    parcels = queries.run(idle_land.LIST_QUERY, month="2020-12", unit="city",
                          **idle_land.whole_list_params()).drop_nulls("project_code")
    code = parcels["project_code"][0]
    at = run("pages/project_explorer.py", recorded, query={"project": code})
    names = [name for name, _ in recorded]
    # the list, and the project's parcels, history (and nodes when it has them), each named after the project
    assert sum(name.startswith("项目查询_全市_") for name in names) == 1
    assert any(name.endswith(f"_{code}_地块_2020-12.xlsx") for name in names), names
    assert any(name.endswith(f"_{code}_历史快照_2020-12.xlsx") for name in names), names
    check_every_download(at, recorded)
    at = run("pages/map.py", recorded, state={"map_projects": True, "map_parcels": True})
    names = [name for name, _ in recorded]
    assert "地图项目_全市_2020-12.xlsx" in names and "地图五未地块_全市_2020-12.xlsx" in names
    check_every_download(at, recorded)


def test_export_names_carry_the_filters(sample_data, recorded):
    at = run("pages/snail_warnings.py", recorded, unit="haining", state={"warning_grades": ["红"]})
    assert "蜗牛项目清单_海宁市_2020-12.xlsx" in [name for name, _ in recorded]
    recorded.clear()
    choose_tab(at, "snail_tab", "分级预警")
    assert "分级预警清单_海宁市_红_2020-12.xlsx" in [name for name, _ in recorded]
    assert at.get("download_button")
