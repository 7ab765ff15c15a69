"""督查核查 and 一把手招商 (issue 18) in headless Chromium at 1280×720: the pages render without an error, draw their
charts and call nothing outside; their 例会 slides fit the window with the counter and text sizes of the others."""
from __future__ import annotations

import pytest

from cockpit import REPO_DIR
from cockpit.views import meeting as view
from tests.browser.conftest import open_page
from tests.browser.test_meeting_browser import MEASURE, wait_for_slide
from tests.browser.test_meeting_browser import TOTAL as N

pytestmark = pytest.mark.browser
SCREENSHOTS = REPO_DIR / "out" / "screenshots"


@pytest.mark.parametrize("path, heading, texts", [
    ("inspection", "督查核查", ("应核查", "核查完成率", "逾期未核查")),
    ("promotion", "“一把手”外出招商", ("主要领导外出", "本月无主要领导外出招商")),
])
def test_page_at_1280x720(page, app_url, path, heading, texts):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app_url, f"{path}?month=2020-12&unit=city")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path}-1280x720.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").first.inner_text().strip() == heading
    body = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    for text in texts:
        assert text in body, text
    charts = [c for c in page.locator("[data-testid='stPlotlyChart']").all() if c.is_visible()]
    assert charts and all(c.locator(".main-svg .barlayer .point").count() > 0 for c in charts)
    assert page.external_requests == [], page.external_requests


@pytest.mark.parametrize("name", ["一把手招商", "督查核查"])
def test_slide_at_1280x720(page, app_url, name):
    number = next(i for i, s in enumerate(view.SLIDES, 1) if s.name == name)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/meeting?month=2020-12&unit=city&slide={number}", wait_until="domcontentloaded")
    wait_for_slide(page, number)
    page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"slide-{name}-1280x720.png"))
    m = page.evaluate(MEASURE)
    assert m["scrollHeight"] <= m["innerHeight"] and m["scrollWidth"] <= m["innerWidth"], m
    assert m["overflowing"] == [], m["overflowing"]
    assert m["layout"] == [1920, 1080]
    scale = min(1280 / 1920, 720 / 1080)
    assert m["max"] >= 96 * scale - 0.5 and m["min"] >= 28 * scale - 0.5, m
    assert any(c.endswith(f"{number}/{N}") for c in m["counters"]), m["counters"]
    assert page.external_requests == [], page.external_requests
