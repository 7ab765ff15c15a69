"""Starts the Streamlit server on app.py (`python -m cockpit serve [streamlit options]`), and what a user sees
when a page fails.

Streamlit treats a `pages/` folder beside the main script as a legacy multipage app until the main
script has once called st.navigation. Until then a deep link on a freshly started server (a bookmark of
/ranking, say) runs that page without app.py: no filters, no navigation. Our app always navigates with
st.navigation, so we say so before the server starts.

A page's exception never reaches the browser as a traceback (file paths, code, data): app.py shows
`page_error()`'s message with a reference, and the traceback goes to the server log under that reference.
.streamlit/config.toml sets client.showErrorDetails = "none" for whatever fails outside a page (callbacks).

Before the server starts, `main` also wraps Streamlit's web app (Streamlit 1.67 serves with Starlette on uvicorn;
`starlette_server.create_starlette_app` builds the app and `_get_uvicorn_config_kwargs` uvicorn's settings):
- `guard`: an upload (`PUT /_stcore/upload_file/<session>/<file>`) from a session that has not signed in as
  administrator is refused with 403 before a byte of its body is read, so a viewer cannot make the server hold
  files; `/_stcore/metrics` (sessions, caches, memory) is not served to anyone.
- an address below a page (`/ranking/x`), which Streamlit answers with its index page whose scripts then load as
  HTML (a blank page), gets a Chinese “页面不存在” page with a link to 首页 (a single unknown name such as
  `/rankingx` is the app's own message: cockpit/navigation.py);
- uvicorn believes X-Forwarded-For only from `[auth] trusted_proxies` in config/cockpit.toml (default none:
  the client address is the connection's), instead of from any connection on 127.0.0.1.
"""
from __future__ import annotations

import logging
import re
import secrets
import sys

from cockpit import REPO_DIR, config

ERROR_MESSAGE = "页面出错，请联系管理员（参考编号 {reference}，详见服务器日志）"
log = logging.getLogger("cockpit.serve")


def page_error(error: BaseException, page: str = "") -> str:
    """Logs the traceback under a new reference and returns the message for the user."""
    reference = secrets.token_hex(4).upper()  # 8 hex digits: unique enough to find one line in a day's log
    log.error("page error %s on %s", reference, page or "?", exc_info=error)
    return ERROR_MESSAGE.format(reference=reference)


UPLOAD_PATH = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")
METRICS_PATH = re.compile(r"/_stcore/metrics/?$")
UPLOAD_REFUSED = "只有已登录的管理员可以上传文件。"
NOT_SERVED = "不提供此地址。"


# First path segments Streamlit serves below (its API, media, components, assets, static files, sign-in).
STREAMLIT_PREFIXES = ("_stcore", "media", "component", "static", "app", "auth")
NOT_FOUND_PAGE = ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>页面不存在</title></head>"
                  "<body style=\"font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:4rem;color:#1F2937\">"
                  "<h1>页面不存在</h1><p>找不到地址 {path}。请返回首页，从左侧导航选择页面。</p>"
                  "<p><a href=\"{home}\" style=\"color:#1F4E79;font-size:1.2rem\">返回首页</a></p></body></html>")


def _base_path() -> str:
    from streamlit import config as streamlit_config

    base = str(streamlit_config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def nested_page(method: str, path: str) -> bool:
    """A GET of an address below a page name (/ranking/x): no page of ours has one, and Streamlit's answer is blank."""
    base = _base_path()
    if method not in ("GET", "HEAD") or (base and not path.startswith(base + "/")):
        return False
    parts = [p for p in path[len(base):].split("/") if p]
    return len(parts) >= 2 and parts[0] not in STREAMLIT_PREFIXES


def not_found_page(path: str) -> str:
    import html

    return NOT_FOUND_PAGE.format(path=html.escape(path), home=html.escape(_base_path() + "/"))


def refusal(method: str, path: str) -> tuple[int, str] | None:
    """Why Streamlit's own endpoints must not answer this request (status, message), or None to let it through."""
    from cockpit import auth

    if METRICS_PATH.search(path):
        return 404, NOT_SERVED
    if nested_page(method, path):
        return 404, not_found_page(path)
    upload = UPLOAD_PATH.search(path)
    if upload and method not in ("OPTIONS", "DELETE") and not auth.is_admin_session(upload.group(1)):
        return 403, UPLOAD_REFUSED
    return None


def guard(app):
    """The ASGI app `app` behind `refusal`: refused requests are answered before their body is received."""

    async def guarded(scope, receive, send):
        if scope["type"] == "http" and (refused := refusal(scope["method"], scope.get("path", ""))):
            status, text = refused
            if status == 403:
                log.warning("upload refused: session %s is not signed in as administrator (%s)",
                            UPLOAD_PATH.search(scope["path"]).group(1), (scope.get("client") or ("?",))[0])
            kind = b"text/html" if text.startswith("<!doctype") else b"text/plain"
            body = text.encode()
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", kind + b"; charset=utf-8"), (b"cache-control", b"no-cache"),
                                    (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return guarded


def trusted_proxies() -> list[str]:
    return [str(a) for a in config.settings().get("auth", {}).get("trusted_proxies", [])]


def uvicorn_settings() -> dict:
    """Who may set the client address with X-Forwarded-For: only the configured proxies (none by default)."""
    proxies = trusted_proxies()
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or None}


def install() -> None:
    """Wraps the web app Streamlit is about to build (guard) and its uvicorn settings; idempotent."""
    from streamlit.web.server.starlette import starlette_server

    if getattr(starlette_server.create_starlette_app, "cockpit_guarded", False):
        return
    build_app, uvicorn_kwargs = starlette_server.create_starlette_app, starlette_server._get_uvicorn_config_kwargs

    def guarded_app(runtime):
        return guard(build_app(runtime))

    guarded_app.cockpit_guarded = True
    starlette_server.create_starlette_app = guarded_app
    starlette_server._get_uvicorn_config_kwargs = lambda: {**uvicorn_kwargs(), **uvicorn_settings()}


def main(streamlit_args: list[str]) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    install()
    # Our messages (page errors with their reference, failed sign-ins) go to the server's stderr with a time.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("cockpit").addHandler(handler)
    logging.getLogger("cockpit").setLevel(logging.INFO)
    sys.argv = ["streamlit", "run", str(REPO_DIR / "app.py"), *streamlit_args]
    return cli.main()
