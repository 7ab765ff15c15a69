"""Issue 16, visitors who never sign in, against the real server (`python -m cockpit serve` in a subprocess): their
uploads are refused before a byte is held, /_stcore/metrics is not served, and unknown addresses say in Chinese
what happened (the browser tests look at both kinds). An administrator signed in through the browser still uploads."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from cockpit import auth, serve
from tests.helpers import project, write
from tests.hostile.live_server import Visitor, request, server

MB = 1024 * 1024
PASSWORD = "口令2020abc"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web16") / "data"
    write(root, "2020-03", projects=[project(1)])
    return root


@pytest.fixture(scope="module")
def live(data_dir):
    with server(data_dir) as running:
        yield running


def test_uploads_of_a_session_that_never_signed_in_are_refused_and_not_held(live):
    # before: 20 files of 19 MB from a viewer's own session were all accepted (204) and held: 390 MB
    async def visit():
        async with Visitor(live.base) as visitor:
            before = live.rss_mb()
            answers = [visitor.upload(f"{i}.csv", bytes([65 + i]) * (19 * MB), f"file{i}") for i in range(10)]
            await asyncio.sleep(1)
            return answers, live.rss_mb() - before

    answers, grown = asyncio.run(visit())
    assert [status for status, _ in answers] == [403] * 10
    assert answers[0][1].decode() == serve.UPLOAD_REFUSED
    assert grown < 30, f"server memory grew {grown:.0f} MB for refused uploads"


def test_an_upload_to_a_made_up_session_is_refused_too(live):
    status, body, _ = request(f"{live.base}/_stcore/upload_file/not-a-session/f1", "PUT", b"x" * 1000,
                              {"Content-Type": "application/octet-stream"})
    assert status == 403 and body.decode() == serve.UPLOAD_REFUSED


def test_metrics_are_not_served(live):
    # before: 200 with the server's sessions, caches and memory
    for path in ("/_stcore/metrics", "/_stcore/metrics/"):
        status, body, _ = request(live.base + path)
        assert status == 404 and b"session" not in body


def test_health_and_the_app_are_still_served(live):
    assert request(live.base + "/_stcore/health")[0] == 200
    status, body, _ = request(live.base + "/ranking")
    assert status == 200 and b"<html" in body.lower()


@pytest.mark.parametrize("path", ["/ranking/x", "/ranking/x/", "/x/y/z", "/ranking/x?q=%3Cb%3E"])
def test_an_address_below_a_page_is_a_chinese_not_found_page(live, path):
    # before: 200 with the app's index page, whose scripts then loaded as HTML: a blank white page
    status, body, headers = request(live.base + path)
    text = body.decode()
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert "<h1>页面不存在</h1>" in text and '<a href="/"' in text and "返回首页" in text
    assert "<b>" not in text


def test_refusals_leave_streamlit_routes_and_administrators_alone(monkeypatch):
    monkeypatch.setattr(auth, "_admin_sessions", {"admin-session"})
    assert serve.refusal("PUT", "/_stcore/upload_file/admin-session/f1") is None
    assert serve.refusal("PUT", "/_stcore/upload_file/viewer-session/f1") == (403, serve.UPLOAD_REFUSED)
    assert serve.refusal("DELETE", "/_stcore/upload_file/viewer-session/f1") is None  # removing: harmless
    for path in ("/", "/ranking", "/rankingx", "/static/js/index.js", "/_stcore/health", "/_stcore/stream",
                 "/media/abc.png", "/component/x/index.html", "/app/static/a.png", "/auth/login"):
        assert serve.refusal("GET", path) is None, path
    assert serve.refusal("GET", "/_stcore/metrics")[0] == 404
    assert serve.refusal("GET", "/ranking/x")[0] == 404


# ---------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def admin_live(data_dir, tmp_path_factory):
    """The server with an administrator password (a secrets file of its own)."""
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(f'[cockpit_auth]\nadmin_password_hash = "{auth.hash_password(PASSWORD)}"\n', encoding="utf-8")
    with server(data_dir, None, "--secrets.files", str(secrets)) as running:
        yield running


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_an_unknown_page_says_so_in_chinese_with_a_link_home(tab, admin_live):
    # before: Streamlit's English dialog “Page not found … You have requested page /rankingx, but no
    # corresponding file was found in the app's pages/ directory”, over the 首页
    tab.goto(admin_live.base + "/rankingx")
    tab.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=60000)
    tab.wait_for_timeout(1500)
    assert tab.locator("[data-testid='stMainBlockContainer'] h1").inner_text() == "页面不存在"
    assert "找不到“rankingx”" in tab.locator("[data-testid='stAlert']").inner_text()
    assert tab.get_by_text("Page not found").count() == 0 and tab.locator("[role='dialog']").count() == 0
    tab.get_by_role("link", name="返回首页").click()
    tab.wait_for_function("() => document.querySelector('h1')?.innerText.includes('双进双产')", timeout=60000)


@pytest.mark.browser
def test_an_address_below_a_page_shows_the_chinese_page_in_the_browser(tab, admin_live):
    tab.goto(admin_live.base + "/ranking/x")
    assert tab.locator("h1").inner_text() == "页面不存在"
    tab.get_by_role("link", name="返回首页").click()
    tab.wait_for_function("() => document.querySelector('h1')?.innerText.includes('双进双产')", timeout=60000)


@pytest.mark.browser
def test_a_signed_in_administrator_still_uploads(tab, admin_live, tmp_path):
    tab.goto(admin_live.base + "/data_admin")
    tab.wait_for_selector("input[type='password']", timeout=60000)
    tab.fill("input[type='password']", PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_selector("[data-testid='stFileUploaderDropzoneInput']", state="attached", timeout=60000)
    csv = tmp_path / "项目库.csv"
    csv.write_text("项目代码,项目名称,县级主体,项目类别,总投资（万元）,签约日期\n"
                   "2020-330402-07-02-000002,乙项目,南湖区,制造业,30000,2020-02-10\n", encoding="utf-8")
    tab.set_input_files("[data-testid='stFileUploaderDropzoneInput']", str(csv))
    tab.wait_for_selector("text=确认导入", timeout=60000)  # the check ran on the uploaded file


def test_streamlits_page_not_found_message_is_replaced_by_a_note_for_the_app():
    from types import SimpleNamespace

    from streamlit.commands import navigation as st_navigation

    from cockpit import navigation

    navigation.watch_missing_pages()
    navigation.watch_missing_pages()  # twice: still one wrapper
    assert st_navigation.send_page_not_found.cockpit
    st_navigation.send_page_not_found(SimpleNamespace(pages_manager=SimpleNamespace(intended_page_name="rankingx")))
    assert navigation.missing_page() == "rankingx" and navigation.missing_page() is None  # read once
    assert navigation.not_found_message("rankingx") == "页面不存在：找不到“rankingx”。请从左侧导航选择页面，或返回首页。"
    assert "找不到“\\*\\*x\\*\\*”" in navigation.not_found_message("**x**")  # a URL's text shows as written
