"""Browser fixtures: the app served on loopback, and headless system Chromium driven by Playwright."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.hostile.live_server import server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def start_app(data_dir: Path, log_dir: Path):
    """`python -m cockpit serve` (what `make run` starts) on a free loopback port; yields its URL."""
    with server(data_dir, None, "--server.address", "127.0.0.1", log_dir=log_dir) as live:
        yield live.base


@pytest.fixture(scope="session")
def app_url(sample_root: Path, tmp_path_factory: pytest.TempPathFactory):
    """The app on the sample data, shared by the browser tests."""
    yield from start_app(sample_root, tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True,
            viewport={"width": 1920, "height": 1080}, locale="zh-CN",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                  "--no-first-run", "--disable-component-update", "--disable-sync"])
        yield context
        context.close()


@pytest.fixture
def page(browser):
    """A fresh tab; `page.external_requests` lists every request to a non-loopback host."""
    tab = browser.new_page()
    tab.external_requests = []

    def record(request):
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOOPBACK:
            tab.external_requests.append(request.url)

    tab.on("request", record)
    yield tab
    tab.close()


def open_page(tab, app_url: str, path: str = "", timeout_ms: int = 60000):
    """Opens an app page and waits until the script has run and every visible chart has drawn."""
    tab.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
    tab.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=timeout_ms)
    idle = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    for _ in range(2):  # idle twice, half a second apart: reruns triggered by widgets settle too
        tab.wait_for_function(idle, timeout=timeout_ms)
        tab.wait_for_timeout(500)
    tab.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".filter(c => c.offsetParent !== null).every(c => c.querySelector('.main-svg'))", timeout=timeout_ms)
    tab.wait_for_timeout(800)
    return tab


def pytest_collection_modifyitems(items):
    """Everything under tests/browser is a browser test (make test runs those in a session of their own)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
