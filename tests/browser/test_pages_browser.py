"""End to end in headless Chromium: every page renders, shows no error, and nothing leaves the machine."""
from __future__ import annotations

from pathlib import Path

import pytest

from cockpit import REPO_DIR
from cockpit.navigation import PAGES
from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
SCREENSHOTS = REPO_DIR / "out" / "screenshots"


def url_path(file: str) -> str:
    return "" if file == "pages/home.py" else Path(file).stem


@pytest.mark.parametrize("group, file, title, icon", PAGES, ids=[p[1] for p in PAGES])
def test_page_renders_offline(page, app_url, group, file, title, icon):
    open_page(page, app_url, url_path(file))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{Path(file).stem}.png"), full_page=False)
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']").first.inner_text()
    heading = page.locator("h1, h2, h3").first.inner_text()
    assert heading.strip(), f"{file}: no heading rendered"
    assert page.external_requests == [], page.external_requests
    for chart in page.locator("[data-testid='stPlotlyChart']").all():
        if chart.is_visible():  # charts in hidden tabs draw when their tab opens
            assert chart.locator(".main-svg .plot").count() > 0 or chart.locator(".main-svg").count() > 0


def test_charts_draw_with_the_cjk_font(page, app_url):
    open_page(page, app_url, "ranking")  # its first tab is a chart
    page.wait_for_selector(".js-plotly-plot", timeout=30000)
    families = page.eval_on_selector_all(
        ".js-plotly-plot text", "els => els.map(e => getComputedStyle(e).fontFamily)")
    assert families and all("Noto Sans CJK SC" in f for f in families[:20])
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '嘉兴')")


def test_deep_link_on_a_fresh_server_runs_the_frame(page, sample_root, tmp_path):
    """A bookmark of /ranking opened first after a restart still gets app.py's filters and navigation."""
    from tests.browser.conftest import start_app

    server = start_app(sample_root, tmp_path)
    url = next(server)
    try:
        open_page(page, url, "ranking")
        sidebar = page.locator("[data-testid='stSidebar']")
        assert "数据月份" in sidebar.inner_text()
        assert "县市区排名" in page.locator("[data-testid='stSidebarNav']").inner_text()
    finally:
        server.close()
