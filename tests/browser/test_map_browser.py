"""The 地图 page in Chromium: the deck.gl map draws, and nothing is requested from another host."""
from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser


def test_map_draws_offline(page, app_url):
    open_page(page, app_url, "map")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=60000)
    page.wait_for_timeout(2000)
    widths = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stDeckGlJsonChart\"] canvas')].map(c => c.width)")
    assert widths and max(widths) > 0
    page.get_by_text("显示项目点位", exact=True).click()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
    page.wait_for_timeout(2000)
    assert page.external_requests == []
