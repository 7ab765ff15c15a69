"""A failing page shows a Chinese message with a reference, never a traceback; the log has the traceback under
that reference (issue 11 item 11)."""
from __future__ import annotations

import re
import tomllib

from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from tests.helpers import project, write

SECRET_DETAIL = "/srv/secret/path.py: boom"


def test_page_exception_shows_a_reference_and_logs_the_traceback(data_root, monkeypatch, caplog):
    write(data_root, "2020-03", projects=[project(1)])

    def broken(*args, **kwargs):
        raise RuntimeError(SECRET_DETAIL)

    monkeypatch.setattr("cockpit.queries.run", broken)  # every page's queries fail; the frame's sidebar does not
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception  # nothing reaches Streamlit's own exception element
    messages = [e.value for e in at.error]
    assert len(messages) == 1
    match = re.fullmatch(r"页面出错，请联系管理员（参考编号 ([0-9A-F]{8})，详见服务器日志）", messages[0])
    assert match, messages
    shown = " ".join(e.value for e in [*at.markdown, *at.caption, *at.error, *at.info, *at.warning])
    assert SECRET_DETAIL not in shown and "Traceback" not in shown
    logged = [r for r in caplog.records if r.name == "cockpit.serve" and match.group(1) in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info and str(logged[0].exc_info[1]) == SECRET_DETAIL
    assert "home" in logged[0].getMessage()


def test_each_error_gets_its_own_reference(caplog):
    from cockpit import serve

    first, second = serve.page_error(ValueError("a")), serve.page_error(ValueError("b"))
    assert first != second and first.startswith("页面出错，请联系管理员（参考编号 ")


def test_config_hides_error_details_and_limits_uploads():
    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] == 20
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
