"""Who may import: an administrator signed in with the password whose argon2 hash is in secrets, or by OIDC.

.streamlit/secrets.toml (git-ignored; see secrets.example.toml):
    [cockpit_auth]
    admin_password_hash = "$argon2id$..."        # python -m cockpit.auth  prints it
    admin_emails = ["someone@jiaxing.gov.cn"]   # OIDC users who are administrators
    [auth]                                       # Streamlit's own OIDC settings, for st.login()

Guessing is slowed: after MAX_FAILURES wrong passwords in one browser session, or from one client address, that
session or address is locked out for LOCKOUT_SECONDS (the address count is shared by every session of this server
process). The old `admin_password_sha256` (unsalted, fast to crack) no longer signs anyone in: the page says only
that sign-in is unavailable, and the server log says how to replace it.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass

import streamlit as st
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_KEY = "cockpit_admin"
SESSION_ID_KEY = "cockpit_sign_in_id"
MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
VIEWER_MESSAGE = "需要管理员登录"

log = logging.getLogger("cockpit.auth")
_hasher = PasswordHasher()  # argon2id, the library's defaults (64 MiB, 3 passes: ~0.2 s here)


def hash_password(password: str) -> str:
    """The value of admin_password_hash for this password (salted argon2id)."""
    return _hasher.hash(password)


def verify_password(password: str, encoded: str) -> bool:
    try:
        return _hasher.verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class Throttle:
    """Failed attempts per key ("session:…", "address:…"); a key with MAX_FAILURES failures is locked for a while."""

    def __init__(self, max_failures: int = MAX_FAILURES, lockout_seconds: float = LOCKOUT_SECONDS, clock=time.monotonic):
        self.max_failures, self.lockout_seconds, self.clock = max_failures, lockout_seconds, clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def seconds_locked(self, keys: list[str]) -> float:
        """How long the longest lock among these keys still lasts (0: free to try)."""
        now = self.clock()
        with self._lock:
            return max([0.0, *(r.locked_until - now for k in keys if (r := self._records.get(k)))])

    def failed(self, keys: list[str]) -> int:
        """Records a failure; returns how many tries are left before a lock (0: now locked)."""
        now = self.clock()
        left = self.max_failures
        with self._lock:
            self._forget_old(now)
            for key in keys:
                record = self._records.setdefault(key, _Record())
                record.failures += 1
                record.last_failure = now
                if record.failures >= self.max_failures:
                    record.failures, record.locked_until = 0, now + self.lockout_seconds
                    left = 0
                else:
                    left = min(left, self.max_failures - record.failures)
        return left

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._records.pop(key, None)

    def _forget_old(self, now: float) -> None:
        """Failures older than a lockout period count no more (and the table stays small)."""
        stale = [k for k, r in self._records.items()
                 if r.locked_until <= now and now - r.last_failure > self.lockout_seconds]
        for key in stale:
            del self._records[key]


throttle = Throttle()  # one per server process: every session's attempts meet here


def _section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except FileNotFoundError:  # no secrets file at all: nobody is an administrator
        return {}


def _password_hash() -> str:
    return str(_section("cockpit_auth").get("admin_password_hash", "") or "")


def legacy_password_configured() -> bool:
    """Only the old unsalted SHA-256 is configured: it no longer signs anyone in."""
    return not _password_hash() and bool(_section("cockpit_auth").get("admin_password_sha256"))


def password_configured() -> bool:
    return bool(_password_hash())


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


def client_keys() -> list[str]:
    """The throttle keys of this browser session: the session itself and the client's address."""
    if SESSION_ID_KEY not in st.session_state:
        st.session_state[SESSION_ID_KEY] = uuid.uuid4().hex
    # Behind a reverse proxy this is the proxy's address (README): then all clients share one count.
    address = getattr(st.context, "ip_address", None)
    address = address if isinstance(address, str) and address else "unknown"
    return [f"session:{st.session_state[SESSION_ID_KEY]}", f"address:{address}"]


def _minutes(seconds: float) -> int:
    return max(1, int(-(-seconds // 60)))


def attempt(password: str, keys: list[str]) -> str | None:
    """Checks a sign-in attempt; None when it succeeds, else the (Chinese) message to show."""
    if locked := throttle.seconds_locked(keys):
        return f"登录失败次数过多，请 {_minutes(locked)} 分钟后再试。"
    if verify_password(password, _password_hash()):
        throttle.succeeded(keys)
        return None
    left = throttle.failed(keys)
    log.warning("administrator sign-in failed (%s)", keys[-1])
    if left == 0:
        return f"密码不正确。登录失败次数过多，请 {_minutes(throttle.lockout_seconds)} 分钟后再试。"
    return f"密码不正确（再错 {left} 次将暂停登录 {_minutes(throttle.lockout_seconds)} 分钟）。"


def sign_in() -> None:
    """The sign-in controls for whatever method is configured; a viewer is told no more than that."""
    if oidc_configured():
        st.button("使用统一身份认证登录", on_click=st.login, icon=":material/login:")
    if password_configured():
        with st.form("admin_sign_in"):
            password = st.text_input("管理员密码", type="password")
            if st.form_submit_button("登录"):
                message = attempt(password, client_keys())
                if message is None:
                    st.session_state[SESSION_KEY] = True
                    st.rerun()
                st.error(message)
    elif legacy_password_configured():
        log.error("[cockpit_auth] admin_password_sha256 is no longer accepted (unsalted SHA-256). Run "
                  "`python -m cockpit.auth`, put the printed admin_password_hash into .streamlit/secrets.toml "
                  "and delete admin_password_sha256.")
        st.warning("管理员密码需由系统管理员更新后才能登录。")
    elif not oidc_configured():
        log.warning("No administrator sign-in is configured (.streamlit/secrets.toml [cockpit_auth] "
                    "admin_password_hash, or [auth] for OIDC): nobody can import on the page.")


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def main() -> int:
    """`python -m cockpit.auth`: asks for the password twice and prints the secrets line."""
    import getpass

    password = getpass.getpass("管理员密码：")
    if not password or password != getpass.getpass("再输入一次：") or len(password) < 8:
        print("两次输入不一致，或密码少于8个字符。")
        return 1
    print(f'[cockpit_auth]\nadmin_password_hash = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
