"""In the browser: imported names and ?project= values that carry Markdown, directives, KaTeX, HTML or URLs show as
their literal text, and no request leaves for another host (issue 13 §1)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from cockpit.text import JOINER
from tests.browser.conftest import open_page, start_app
from tests.helpers import project, write
from tests.security.test_markdown_injection import PAYLOADS, code
from tests.test_progress_queries import TARGETS

pytestmark = pytest.mark.browser
REFLECTED = ["![x](http://evil.example/reflect.png)", "[钓鱼链接](http://evil.example/login)"]


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "data"
    root.mkdir()
    write(root, "2020", targets=TARGETS)
    write(root, "2020-03", projects=[project(i + 1, project_name=p, industry=p) for i, p in enumerate(PAYLOADS)])
    server = start_app(root, tmp_path_factory.mktemp("hostile-server"))
    yield next(server)
    server.close()


def seen(text: str) -> str:
    """Text as the reader sees it: the invisible word joiners that stop autolinks taken out."""
    return text.replace(JOINER, "").strip()


def assert_literal(page, shown: str) -> None:
    main = page.locator("[data-testid='stMainBlockContainer']")
    assert page.locator("img[src*='evil'], a[href*='evil'], [data-testid='stException']").count() == 0
    assert main.locator(".katex").count() == 0  # no formula was typeset
    assert page.external_requests == [], page.external_requests
    assert shown in seen(main.inner_text())


@pytest.mark.parametrize("serial, payload", list(enumerate(PAYLOADS, start=1)))
def test_stored_payload_shows_as_text_and_nothing_leaves(page, hostile_app, serial, payload):
    open_page(page, hostile_app, f"project_explorer?project={code(serial)}")
    header = page.locator("[data-testid='stMainBlockContainer'] h2").first
    assert seen(header.inner_text()) == payload
    assert header.locator("img, a[href^='http'], strong, b, em, .katex, span[class*='Icon']").count() == 0
    industry = page.locator("[data-testid='stMarkdownContainer']").filter(
        has=page.locator("strong", has_text="所属产业")).first
    assert industry.locator("img, a, em, .katex, b").count() == 0
    assert seen(industry.inner_text().split("\n")[-1]) == payload
    assert_literal(page, payload)


@pytest.mark.parametrize("payload", REFLECTED)
def test_reflected_payload_in_the_url_shows_as_text_and_nothing_leaves(page, hostile_app, payload):
    open_page(page, hostile_app, f"project_explorer?project={quote(payload)}")
    warning = page.locator("[data-testid='stAlertContentWarning']").first
    assert seen(warning.inner_text()) == f"截至2020年3月的项目库快照中没有项目代码为 {payload} 的项目。"
    assert warning.locator("img, a").count() == 0
    assert_literal(page, payload)
