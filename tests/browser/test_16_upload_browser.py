"""Issue 16 §1 in the browser: an administrator uploads each workbook that used to abort the server through the
数据管理 page; each is refused in Chinese, the server keeps serving, and the next page loads. A second server whose
reader aborts on every file (COCKPIT_FAULT=reader-abort, as calamine did) shows the same: the child dies, not it."""
from __future__ import annotations

from contextlib import contextmanager
import time
from pathlib import Path

import pytest

from cockpit.auth import hash_password
from cockpit.ingest import archive, isolate
from cockpit.text import JOINER
from tests.browser.conftest import open_page  # the browser and page fixtures come from conftest (one Playwright per session)
from tests.hostile.live_server import server
from tests.helpers import project, write
from tests.hostile import workbooks
from tests.hostile.helpers import hashes
from tests.test_progress_queries import TARGETS

pytestmark = pytest.mark.browser
PASSWORD = "口令2020"
MAIN = "[data-testid='stMainBlockContainer']"


@contextmanager
def serve(root: Path, tmp: Path, **env: str):
    """The app as `python -m cockpit serve` runs it, with an administrator password; yields (url, Live)."""
    secrets = tmp / "secrets.toml"
    secrets.write_text(f'[cockpit_auth]\nadmin_password_hash = "{hash_password(PASSWORD)}"\n', encoding="utf-8")
    with server(root, env, "--server.address", "127.0.0.1", "--secrets.files", str(secrets), log_dir=tmp,
                start_seconds=90) as live:
        yield live.base, live


def seeded(tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name) / "data"
    root.mkdir()
    write(root, "2020", targets=TARGETS)
    write(root, "2020-03", projects=[project(1), project(2)])
    return root


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = seeded(tmp_path_factory, "browser16")
    with serve(root, tmp_path_factory.mktemp("server16")) as (url, live):
        yield url, live, root


@pytest.fixture(scope="module")
def aborting_app(tmp_path_factory):
    root = seeded(tmp_path_factory, "browser16abort")
    with serve(root, tmp_path_factory.mktemp("server16abort"), COCKPIT_FAULT="reader-abort") as (url, live):
        yield url, live, root


def sign_in(tab, url: str) -> None:
    open_page(tab, url, "data_admin")
    tab.get_by_label("管理员密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_selector("[data-testid='stFileUploaderDropzoneInput']", state="attached", timeout=60000)


def upload(tab, path: Path, expected: str) -> str:
    """Uploads one file and returns the page's text once the refusal naming it and `expected` is shown."""
    tab.set_input_files("[data-testid='stFileUploaderDropzoneInput']", str(path))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        errors = [e.replace(JOINER, "") for e in tab.locator("[data-testid='stAlertContentError']").all_inner_texts()]
        shown = next((e for e in errors if e.startswith(path.name) and expected in e), None)
        if shown:
            return shown
        tab.wait_for_timeout(500)
    pytest.fail(f"no refusal of {path.name} shown: {errors}")


CASES = [
    (workbooks.doctype_entity, archive.UNSAFE_XML),
    (workbooks.external_entity, archive.UNSAFE_XML),
    (workbooks.billion_laughs, archive.UNSAFE_XML),
    (workbooks.target_case, "文件过大或已损坏（声明范围 A1:XFD1048576，1048576行，上限200000行）"),
]


def test_each_crashing_workbook_is_refused_and_the_server_keeps_serving(page, app, tmp_path):  # noqa: F811
    url, live, root = app
    before = hashes(root)
    sign_in(page, url)
    for build, expected in CASES:
        path = build(tmp_path / f"项目库_{build.__name__}.xlsx")
        shown = upload(page, path, expected)
        assert f"{path.name}（2020-03）：发现 1 个错误" in shown
        assert "Traceback" not in page.locator(MAIN).inner_text() and page.locator("[data-testid='stException']").count() == 0
        assert live.alive()  # the server process is alive
    pdf = tmp_path / "项目库.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert "文件类型不支持" in upload(page, pdf, "文件类型不支持")
    assert hashes(root) == before
    open_page(page, url, "ranking")
    assert page.locator("[data-testid='stException']").count() == 0
    assert live.alive()


def test_a_reader_that_aborts_ends_its_child_not_the_server(page, aborting_app, tmp_path):  # noqa: F811
    url, live, root = aborting_app
    before = hashes(root)
    sign_in(page, url)
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [["2020-330402-07-02-000009", "项目9", "南湖区",
                                                             "制造业", "20000", "2020-01-10"]])
    shown = upload(page, path, isolate.MESSAGE)
    assert f"{isolate.MESSAGE}：读取进程异常退出（退出码 -6" in shown
    assert live.alive() and hashes(root) == before
    open_page(page, url, "ranking")
    assert page.locator("[data-testid='stException']").count() == 0
