"""Who may import: an administrator signed in with the password whose SHA-256 is in secrets, or by OIDC.

.streamlit/secrets.toml (git-ignored; see secrets.example.toml):
    [cockpit_auth]
    admin_password_sha256 = "<sha256 of the password>"
    admin_emails = ["someone@jiaxing.gov.cn"]   # OIDC users who are administrators
    [auth]                                       # Streamlit's own OIDC settings, for st.login()
"""
from __future__ import annotations

import hashlib
import hmac

import streamlit as st

SESSION_KEY = "cockpit_admin"


def _section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except FileNotFoundError:  # no secrets file at all: nobody is an administrator
        return {}


def password_configured() -> bool:
    return bool(_section("cockpit_auth").get("admin_password_sha256"))


def oidc_configured() -> bool:
    return bool(_section("auth").get("client_id") or any(isinstance(v, dict) and v.get("client_id")
                                                        for v in _section("auth").values()))


def is_admin() -> bool:
    if st.session_state.get(SESSION_KEY):
        return True
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        return st.user.get("email") in _section("cockpit_auth").get("admin_emails", [])
    return False


def user_label() -> str:
    """Who is importing, as the snapshot history records it."""
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name") or "管理员")
    return "管理员（密码登录）"


def check_password(password: str) -> bool:
    expected = _section("cockpit_auth").get("admin_password_sha256", "")
    given = hashlib.sha256(password.encode("utf-8")).hexdigest()
    return bool(expected) and hmac.compare_digest(given, expected.lower())


def sign_in() -> None:
    """The sign-in controls for whatever method is configured."""
    if oidc_configured():
        st.button("使用统一身份认证登录", on_click=st.login, icon=":material/login:")
    if password_configured():
        with st.form("admin_sign_in"):
            password = st.text_input("管理员密码", type="password")
            if st.form_submit_button("登录"):
                if check_password(password):
                    st.session_state[SESSION_KEY] = True
                    st.rerun()
                st.error("密码不正确。")
    if not (oidc_configured() or password_configured()):
        st.info("未配置管理员登录（.streamlit/secrets.toml），因此无法在页面上导入数据。"
                "可使用命令行：python -m cockpit import --month YYYY-MM 文件…")


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()
