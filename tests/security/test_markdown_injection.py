"""Imported names and ?project= values carrying Markdown, directives, KaTeX, HTML and URLs show as literal text on
every page: the raw text is there, and no Markdown body or label could turn it into an image, a link, formatting,
an icon or a formula (issue 13 §1)."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from cockpit.navigation import PAGES
from cockpit.charts import TOOLBAR_STYLE
from cockpit.text import JOINER, literal
from tests.helpers import choose_tab, project, write
from tests.test_progress_queries import TARGETS, indicator

PAYLOADS = [
    "![x](http://evil.example/a.png)",
    "[钓鱼](http://evil.example/login)",
    "**x**",
    ":red[x]",
    ":material/home:",
    "http://evil.example/bare",
    "$x^2$",
    "<b>x</b>",
]
MONTH = "2020-03"
PAGE_FILES = [path for _group, path, _title, _icon in PAGES]


def code(serial: int) -> str:
    return f"2020-330402-07-02-{serial:06d}"


@pytest.fixture
def hostile_data(data_root):
    """Two months of projects and parcels whose 项目名称, 所属产业 and 地块名称 are the payloads; the projects are
    蜗牛 (contract start a year back, not started) so the problem lists carry them too."""
    projects = [project(i + 1, project_name=p, industry=p, total_investment=200000.0, land_area=30.0,
                        signed_on="2019-01-10", contract_start_on="2019-03-01", land_supplied_on="2019-02-01")
                for i, p in enumerate(PAYLOADS)]
    land = [{"parcel_id": f"3304022019B{i + 1:05d}", "parcel_name": p, "unit_id": "nanhu", "land_use": "工业用地",
             "area": 30.0, "approved_on": "2019-01-05", "supplied_on": "2019-02-01", "project_code": code(i + 1)}
            for i, p in enumerate(PAYLOADS)]
    write(data_root, "2020", targets=TARGETS)
    write(data_root, "2020-02", projects=projects, land=land, indicators=[indicator("2020-02", "city", 50000.0)])
    write(data_root, MONTH, projects=projects, land=land, indicators=[indicator(MONTH, "city", 90000.0)])
    return data_root


def run(path: str, project_param: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO_DIR / path), default_timeout=120)
    at.session_state["filter_month"] = MONTH
    at.session_state["filter_unit"] = "city"
    if project_param is not None:
        at.query_params["project"] = project_param
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element, text) of everything the browser renders as Markdown: bodies of markdown, captions, headings and
    alerts, and the labels and help of every element (widget labels, tabs, expanders and metrics read Markdown)."""
    found = []

    def visit(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            for field in ("body", "label", "help", "title"):
                if field in proto.DESCRIPTOR.fields_by_name and isinstance(getattr(proto, field), str):
                    found.append((f"{type(node).__name__}.{field}", getattr(proto, field)))
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    return found


def unescaped(body: str) -> str:
    """What the reader sees of a Markdown body: escaped characters (\\x shows as x), no invisible word joiners."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", body).replace(JOINER, "")


def assert_nothing_interpreted(at: AppTest, where: str) -> None:
    """No Markdown text holds a payload unescaped: every construct a payload could start has its punctuation
    escaped, so remark (links, images, emphasis, HTML, autolinks), the directives and KaTeX see plain text."""
    for element, body in markdown_texts(at):
        for payload in PAYLOADS:
            assert payload not in body, (where, element, body)
        bare = re.sub(r"\\.", "", body)  # what is left once every escaped character is taken out
        assert not [f for f in ("evil.example", "<b>", "</b>", "$x", "x^2$") if f in bare], (where, element, body)
    for node_type in ("imgs", "image", "latex"):
        assert not at.get(node_type), (where, node_type)
    # the only raw HTML is our own static styles (tables' toolbar, the slide frame), never anything built from data
    for body in (h.proto.body for h in at.get("html")):
        assert body == TOOLBAR_STYLE or where.endswith("meeting.py") and body.strip().startswith("<style>"), where
        assert "evil.example" not in body and not [p for p in PAYLOADS if p in body], where
    allow_html = [m for m in at.markdown if m.proto.allow_html and any(literal(p) in m.value for p in PAYLOADS)]
    assert allow_html == [], where


def shown_values(at: AppTest) -> set[str]:
    """Every cell of every table on the page, as text."""
    cells = set()
    for frame in at.dataframe:
        for column in frame.value.columns:
            cells |= {str(v) for v in frame.value[column].tolist()}
    # a linked project name is shown from the link's ?name= (see cockpit.charts.project_link)
    return cells | {unquote(m.group(1)) for c in cells if (m := re.search(r"\?name=([^&]*)", c))}


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_shows_imported_payloads_as_text(hostile_data, path):
    at = run(path)
    assert_nothing_interpreted(at, path)


def test_lists_show_the_raw_names(hostile_data):
    for path, view in (("pages/project_explorer.py", None), ("pages/snail_warnings.py", None),
                       ("pages/idle_land.py", ("idle_tab", "地块清单"))):
        at = run(path)
        if view:
            choose_tab(at, *view)
        cells = shown_values(at)
        assert set(PAYLOADS) <= cells, (path, set(PAYLOADS) - cells)


@pytest.mark.parametrize("serial, payload", list(enumerate(PAYLOADS, start=1)))
def test_project_view_shows_name_and_industry_literally(hostile_data, serial, payload):
    at = run("pages/project_explorer.py", project_param=code(serial))
    assert_nothing_interpreted(at, payload)
    assert at.header[0].value == literal(payload)
    assert unescaped(at.header[0].value) == payload
    facts = [unescaped(m.value) for m in at.markdown if m.value.startswith("**所属产业**")]
    assert facts == [f"**所属产业**  \n{payload}"]
    link = [m.value for m in at.markdown if m.value.startswith("当前项目：")]
    assert link == [f"当前项目：[{literal(payload)}（{literal(code(serial))}）↓](#project-view)"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_project_parameter_shows_literally_in_the_warning(hostile_data, payload):
    at = run("pages/project_explorer.py", project_param=payload)
    assert_nothing_interpreted(at, payload)
    warning = at.warning[0].value
    assert warning == f"截至2020年3月的项目库快照中没有项目代码为 {literal(payload)} 的项目。"
    assert unescaped(warning) == f"截至2020年3月的项目库快照中没有项目代码为 {payload} 的项目。"


def test_the_check_would_catch_an_unescaped_name(hostile_data, monkeypatch):
    """Guard: with the escaping switched off the same check fails on the project view."""
    monkeypatch.setattr("cockpit.text.literal", lambda value: "" if value is None else str(value))
    at = run("pages/project_explorer.py", project_param=code(1))
    with pytest.raises(AssertionError):
        assert_nothing_interpreted(at, "unescaped")


def test_png_title_from_a_project_name_shows_tags_as_text():
    """The 导出PNG title carries the 项目名称; plotly would draw <b> bold and <a href> as a link."""
    import plotly.graph_objects as go

    from cockpit import exports

    title = '<b>x</b><a href="http://evil.example/">y</a>_全生命周期'
    export = exports.export_figure(go.Figure(go.Bar(x=[1], y=[1])), title, "2020年3月")
    assert export.layout.title.text == \
        '&lt;b&gt;x&lt;/b&gt;&lt;a href="http://evil.example/"&gt;y&lt;/a&gt;_全生命周期'
    assert "<" not in export.layout.title.text
