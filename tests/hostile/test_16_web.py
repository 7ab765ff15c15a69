"""Issue 16, visitors who never sign in, against the real server (`python -m cockpit serve` in a subprocess): their
uploads are refused before a byte is held, /_stcore/metrics is not served, and unknown addresses say in Chinese
what happened (tests/browser/test_16_web_browser.py looks at them in Chromium, and at an administrator who still
uploads)."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from cockpit import auth, serve
from tests.helpers import project, write
from tests.hostile.live_server import Visitor, request, server

MB = 1024 * 1024


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
