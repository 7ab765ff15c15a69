"""Starts the Streamlit server on app.py (`python -m cockpit serve [streamlit options]`), and what a user sees
when a page fails.

Streamlit treats a `pages/` folder beside the main script as a legacy multipage app until the main
script has once called st.navigation. Until then a deep link on a freshly started server (a bookmark of
/ranking, say) runs that page without app.py: no filters, no navigation. Our app always navigates with
st.navigation, so we say so before the server starts.

A page's exception never reaches the browser as a traceback (file paths, code, data): app.py shows
`page_error()`'s message with a reference, and the traceback goes to the server log under that reference.
.streamlit/config.toml sets client.showErrorDetails = "none" for whatever fails outside a page (callbacks).
"""
from __future__ import annotations

import logging
import secrets
import sys

from cockpit import REPO_DIR

ERROR_MESSAGE = "页面出错，请联系管理员（参考编号 {reference}，详见服务器日志）"
log = logging.getLogger("cockpit.serve")


def page_error(error: BaseException, page: str = "") -> str:
    """Logs the traceback under a new reference and returns the message for the user."""
    reference = secrets.token_hex(4).upper()  # 8 hex digits: unique enough to find one line in a day's log
    log.error("page error %s on %s", reference, page or "?", exc_info=error)
    return ERROR_MESSAGE.format(reference=reference)


def main(streamlit_args: list[str]) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    # Our messages (page errors with their reference, failed sign-ins) go to the server's stderr with a time.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("cockpit").addHandler(handler)
    logging.getLogger("cockpit").setLevel(logging.INFO)
    sys.argv = ["streamlit", "run", str(REPO_DIR / "app.py"), *streamlit_args]
    return cli.main()
