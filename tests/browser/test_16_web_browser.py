"""Issue 16 in headless Chromium against the real server: unknown addresses say in Chinese what happened (before:
Streamlit's English “Page not found” dialog for /rankingx, a blank page for /ranking/x), and an administrator who
signed in still uploads through the upload endpoint that now refuses every other session."""
from __future__ import annotations

from pathlib import Path

import pytest

from cockpit import auth
from tests.helpers import project, write
from tests.hostile.live_server import server

pytestmark = pytest.mark.browser
PASSWORD = "口令2020abc"


@pytest.fixture(scope="module")
def admin_live(tmp_path_factory):
    """The server on a one-project data folder, with an administrator password (a secrets file of its own)."""
    root = tmp_path_factory.mktemp("web16") / "data"
    write(root, "2020-03", projects=[project(1)])
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(f'[cockpit_auth]\nadmin_password_hash = "{auth.hash_password(PASSWORD)}"\n', encoding="utf-8")
    with server(root, None, "--secrets.files", str(secrets)) as running:
        yield running


@pytest.fixture
def tab(page):
    page.set_viewport_size({"width": 1280, "height": 720})
    return page


def test_an_unknown_page_says_so_in_chinese_with_a_link_home(tab, admin_live):
    tab.goto(admin_live.base + "/rankingx")
    tab.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=60000)
    tab.wait_for_timeout(1500)
    assert tab.locator("[data-testid='stMainBlockContainer'] h1").inner_text() == "页面不存在"
    assert "找不到“rankingx”" in tab.locator("[data-testid='stAlert']").inner_text()
    assert tab.get_by_text("Page not found").count() == 0 and tab.locator("[role='dialog']").count() == 0
    tab.get_by_role("link", name="返回首页").click()
    tab.wait_for_function("() => document.querySelector('h1')?.innerText.includes('双进双产')", timeout=60000)
    assert tab.external_requests == []


def test_an_address_below_a_page_shows_the_chinese_page(tab, admin_live):
    tab.goto(admin_live.base + "/ranking/x")
    assert tab.locator("h1").inner_text() == "页面不存在"
    tab.get_by_role("link", name="返回首页").click()
    tab.wait_for_function("() => document.querySelector('h1')?.innerText.includes('双进双产')", timeout=60000)


def test_a_signed_in_administrator_still_uploads(tab, admin_live, tmp_path: Path):
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
