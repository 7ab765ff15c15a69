"""Smoke test: every page in the navigation runs on the sample data without an exception."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from cockpit.navigation import PAGES

PAGE_FILES = [str(REPO_DIR / path) for _group, path, _title, _icon in PAGES]


@pytest.mark.parametrize("path", PAGE_FILES, ids=[p[1] for p in PAGES])
@pytest.mark.parametrize("month, unit", [("2020-12", "city"), ("2020-03", "haining"), ("2020-07", "gangqu")])
def test_page_runs_without_exception(sample_data, path, month, unit):
    at = AppTest.from_file(path, default_timeout=120)
    at.session_state["filter_month"] = month
    at.session_state["filter_unit"] = unit
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title or at.header or at.subheader, f"{path} shows no heading"


def test_app_frame_runs_with_navigation(sample_data):
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="filter_month").value == "2020-12"
    assert at.sidebar.selectbox(key="filter_unit").value == "city"


def test_home_counts_rows_of_the_snapshot(sample_data):
    from cockpit import queries

    at = AppTest.from_file(str(REPO_DIR / "pages" / "home.py"), default_timeout=60)
    at.session_state["filter_month"] = "2020-06"
    at.run()
    counts = dict(queries.run("home__row_counts", month="2020-06").iter_rows())
    shown = {m.label: m.value for m in at.metric}
    assert shown["项目库"] == f"{counts['项目库']:,}行"
    assert counts["项目库"] > 0 and counts["土地"] > 0


def test_home_headlines_match_the_detail_queries(sample_data):
    from cockpit import queries

    at = AppTest.from_file(str(REPO_DIR / "pages" / "home.py"), default_timeout=60)
    at.session_state["filter_month"] = "2020-09"
    at.session_state["filter_unit"] = "haining"
    at.run()
    texts = [m.value for m in at.markdown]
    snails = queries.run("snail__projects", month="2020-09", unit="haining").height
    assert texts[texts.index("**蜗牛项目**") + 1].endswith(f">{snails:,}个</div>")
