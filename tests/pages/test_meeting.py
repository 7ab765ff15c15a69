"""例会 page and slides: every slide renders for 全市 and a unit, on the sample data and on an empty month; keys
advance and wrap; the slide comes from the URL; slide texts are the queries' numbers at slide sizes."""
from __future__ import annotations

import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR, briefing, queries
from cockpit.views import meeting as view
from cockpit.views import target_progress
from tests import helpers

N = len(view.SLIDES)  # slides of the 例会 (mechanism slides are added by issue 18 and others)

PAGE = str(REPO_DIR / "pages" / "meeting.py")


def run_slide(month: str, unit: str, slide: int | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["filter_month"] = month
    at.session_state["filter_unit"] = unit
    if slide is not None:
        at.query_params["slide"] = str(slide)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1  # one figure per slide, nothing else drawn
    return json.loads(charts[0].proto.spec)


def texts(figure: dict) -> list[str]:
    return [a.get("text", "") for a in figure["layout"].get("annotations", [])]


def font_sizes(node, inside_font=False, path=""):
    """Every font size in a figure's JSON, except hover labels and the (overridden) template."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("hoverlabel", "template"):  # hover is not shown; the template is overridden
                continue
            if key == "size" and inside_font and isinstance(value, (int, float)):
                yield path, value
            else:
                yield from font_sizes(value, inside_font or "font" in key, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from font_sizes(value, inside_font, f"{path}[{i}]")


@pytest.mark.parametrize("unit", ["city", "haining"])
def test_every_slide_renders_with_counter_date_and_sizes(sample_data, unit):
    for number in range(1, len(view.SLIDES) + 1):
        figure = spec(run_slide("2020-12", unit, number))
        assert (figure["layout"]["width"], figure["layout"]["height"]) == (1920, 1080)
        assert any(f"{number}/{N}" in t and "数据截至2020年12月31日" in t for t in texts(figure)), number
        small = [(p, s) for p, s in font_sizes(figure) if s < view.TEXT_SIZE]
        assert not small, (number, small[:5])


def test_slide_from_the_url_and_default(sample_data):
    assert any(f"3/{N}" in t for t in texts(spec(run_slide("2020-12", "city", 3))))
    assert any(f"1/{N}" in t for t in texts(spec(run_slide("2020-12", "city", None))))
    assert any(f"1/{N}" in t for t in texts(spec(run_slide("2020-12", "city", 42))))  # not a slide: the cover


def test_empty_month_renders_every_slide(tmp_path, monkeypatch):
    """A month with a projects table and nothing else: no targets, no land, no indicators."""
    helpers.write(tmp_path, "2020-05", projects=[helpers.project(1)])
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(tmp_path))
    for number in range(1, len(view.SLIDES) + 1):
        figure = spec(run_slide("2020-05", "city", number))
        assert any(f"{number}/{N}" in t for t in texts(figure))


def test_keys_advance_and_wrap():
    assert [view.step(n, "next") for n in (1, N - 1, N)] == [2, N, 1]
    assert [view.step(n, "prev") for n in (1, 2, N)] == [N, 1, N - 1]
    assert (view.step(5, "first"), view.step(5, "last"), view.step(5, "nonsense")) == (1, N, 5)
    assert [view.slide_number(t) for t in ("3", str(N), "0", str(N + 1), "x", None)] == [3, N, 1, 1, 1, 1]


def test_auto_advance_after_the_interval():
    assert [view.auto_seconds(t) for t in ("30", "5", "4", "601", "x", None)] == [30, 5, None, None, None, None]
    assert view.auto_advance(3, None, 100.0, 30) == (3, (3, 100.0))  # first shown: its interval starts
    assert view.auto_advance(3, (3, 100.0), 129.0, 30) == (3, (3, 100.0))  # not yet
    assert view.auto_advance(3, (3, 100.0), 129.6, 30) == (4, (4, 129.6))  # 30 s (less the slack): next
    assert view.auto_advance(N, (N, 0.0), 30.0, 30) == (1, (1, 30.0))  # wraps to the cover
    assert view.auto_advance(5, (3, 100.0), 129.6, 30) == (5, (5, 129.6))  # a key moved it: a new interval


def test_key_callback_moves_the_slide(monkeypatch):
    """The component's callback, as it runs when a key is pressed: → on slide 9 wraps to 1, ← goes back."""
    import streamlit as st

    from cockpit.components import slide_keys

    state = {"meeting_keys": {"action": "next"}}
    monkeypatch.setattr(st, "session_state", state)
    slide_keys.move_slide("meeting_slide", "meeting_keys", 9, start=9)  # no slide yet: the URL's
    assert state["meeting_slide"] == 1
    state["meeting_keys"] = {"action": "prev"}
    slide_keys.move_slide("meeting_slide", "meeting_keys", 9, start=5)
    assert state["meeting_slide"] == 9
    state["meeting_keys"] = {"action": "last"}
    slide_keys.move_slide("meeting_slide", "meeting_keys", 9, start=5)
    assert state["meeting_slide"] == 9


def test_totals_slide_shows_the_query_numbers(sample_data):
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    ii = target_progress.month_view(rows, "2020-12", "city").filter(pl.col("metric_key") == "industrial_investment")
    figure = spec(run_slide("2020-12", "city", 2))
    shown = " ".join(texts(figure))
    assert f"{ii['value'][0]:,.1f}" in shown and f"完成率{ii['completion'][0]:.1%}" in shown
    key = next(a for a in figure["layout"]["annotations"] if f"{ii['value'][0]:,.1f}" in a["text"])
    assert key["font"]["size"] >= 96


def test_targets_slide_lists_every_target_worst_first(sample_data):
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    month_rows = target_progress.month_view(rows, "2020-12", "city")
    shown = texts(spec(run_slide("2020-12", "city", 3)))
    labels = [t for t in shown if t in set(month_rows["label"].to_list())]
    assert sorted(labels) == sorted(month_rows["label"].to_list())
    statuses = dict(zip(month_rows["label"], month_rows["status"]))
    order = [view.SEVERITY_ORDER.get(statuses[label], 3) for label in labels]
    assert order == sorted(order)  # 严重落后 first, then 落后, then 达序时
    marks = [t for t in shown if t in ("<b>✓</b>", "<b>▲</b>", "<b>✕</b>")]
    assert marks.count("<b>✕</b>") == list(statuses.values()).count("严重落后")


def test_snail_slide_names_the_longest_late(sample_data):
    snails = queries.run("snail__projects", month="2020-12", unit="city")
    number = next(i for i, s in enumerate(view.SLIDES, 1) if s.name == "蜗牛项目")
    figure = spec(run_slide("2020-12", "city", number))
    shown = " ".join(texts(figure))
    top = view.longest_late(snails)
    assert f">{snails.height:,}<" in shown or f"{snails.height:,}<span" in shown
    assert f"{top['months_late'][0]}个月" in shown
    if snails.height > view.TOP_PROJECTS:
        assert f"另有{snails.height - view.TOP_PROJECTS}个" in shown


def test_decisions_come_from_the_data(sample_data):
    data = briefing.frames("2020-12", "city")
    items = view.decisions(data["progress_rows"], data["snails"], data["warnings"], data["projects"],
                           "2020-12", "city")
    far_behind = target_progress.month_view(data["progress_rows"], "2020-12", "city").filter(
        pl.col("status") == "严重落后")["label"].to_list()
    assert far_behind  # the sample has targets far behind
    assert sorted(i.text.split("：")[0] for i in items if i.topic == "严重落后目标") == sorted(far_behind)
    big = data["projects"].filter(pl.col("needs_task_force") | (pl.col("size_tier") == "百亿级"))
    red = set(view.red_warnings(data["warnings"], "city")["project_code"])
    stuck = big.filter(pl.col("is_snail") | pl.col("project_code").is_in(list(red)))
    assert sum(1 for i in items if i.topic == "重大项目") == stuck.height


@pytest.mark.skipif(__import__("cockpit.exports").exports.browser_path() is None, reason="PNG export needs Chromium")
def test_cover_makes_the_briefing_pack(sample_data):
    import zipfile
    from io import BytesIO

    at = run_slide("2020-12", "nanhu", 1)
    at.button(key="briefing_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    month, unit, pack = at.session_state["briefing_zip"]
    assert (month, unit) == ("2020-12", "nanhu")
    with zipfile.ZipFile(BytesIO(pack)) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.endswith(".png")]) == N and any(n.endswith(".docx") for n in names)
    assert "下载 zip" in [b.label for b in at.get("download_button")]


def test_url_sets_and_keeps_month_unit_and_meeting_mode(sample_data):
    """?meeting=1&month=…&unit=… on a fresh load becomes the sidebar's selection."""
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.query_params.update({"month": "2020-06", "unit": "haining", "meeting": "1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.selectbox(key="filter_month").value == "2020-06"
    assert at.sidebar.selectbox(key="filter_unit").value == "haining"
    assert at.sidebar.toggle(key="meeting_mode").value is True
    # (writing the selection back into the URL is checked in the browser: AppTest does not show script writes)
    # values that are not a month or a unit are ignored
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.query_params.update({"month": "1999-01", "unit": "nowhere"})
    at.run()
    assert at.sidebar.selectbox(key="filter_month").value == "2020-12"
    assert at.sidebar.selectbox(key="filter_unit").value == "city"
