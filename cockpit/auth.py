"""Who may import: an administrator signed in with the password whose argon2 hash is in secrets, or by OIDC.

.streamlit/secrets.toml (git-ignored; see secrets.example.toml):
    [cockpit_auth]
    admin_password_hash = "$argon2id$..."        # python -m cockpit.auth  prints it
    admin_emails = ["someone@jiaxing.gov.cn"]   # OIDC users who are administrators
    [auth]                                       # Streamlit's own OIDC settings, for st.login()

Guessing is slowed (settings in `[auth]` of config/cockpit.toml). Failures are counted per browser session, per
client address and per account: after `free_failures` wrong passwords on any of them, the next try must wait
`first_delay_seconds`, doubling with each further failure, up to `max_delay_seconds` for a session or address and
`account_max_delay_seconds` for the account. The account's cap is short on purpose: whoever guesses from many
addresses gets one try a minute, and can make the administrator wait no longer than that. A try during a wait is
refused without checking the password. Checks for one address or account run one at a time (a striped lock), and
at most `max_concurrent_checks` argon2 verifications run at once (64 MiB each), so 30 simultaneous wrong
passwords are checked one after another and counted, and memory stays flat. The client address is the
connection's, or what X-Forwarded-For says only when the connection comes from `[auth] trusted_proxies`
(cockpit/serve.py sets uvicorn so). Counts live in the server process; a restart clears them.

The sessions signed in as administrator are remembered by Streamlit session id (`is_admin_session`): cockpit/serve.py
refuses uploads from every other session before they are held in memory.

The old `admin_password_sha256` (unsalted, fast to crack) no longer signs anyone in: the page says only
that sign-in is unavailable, and the server log says how to replace it.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_KEY = "cockpit_admin"
SESSION_ID_KEY = "cockpit_sign_in_id"
ACCOUNT = "admin"  # the one password account; throttled as a whole, whichever address tries it
VIEWER_MESSAGE = "需要管理员登录"
BUSY_MESSAGE = "正在核对另一次登录，请稍后再试。"
DEFAULTS = {"trusted_proxies": [], "free_failures": 3, "first_delay_seconds": 30, "max_delay_seconds": 900,
            "account_max_delay_seconds": 60, "forget_after_seconds": 3600, "max_concurrent_checks": 2,
            "check_wait_seconds": 10}

log = logging.getLogger("cockpit.auth")
_hasher = PasswordHasher()  # argon2id, the library's defaults (64 MiB, 3 passes: ~0.2 s here)


def settings() -> dict:
    from cockpit import config

    return {**DEFAULTS, **config.settings().get("auth", {})}


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
    last_failure: float = 0.0


class Throttle:
    """Failed attempts per key ("session:…", "address:…", "account:…"): past `free_failures` failures, a key must
    wait before its next try, twice as long after each further failure, up to its cap (shorter for accounts)."""

    STRIPES = 64  # locks that serialise checks: one per key's stripe, so the table never grows

    def __init__(self, clock=time.monotonic, **overrides):
        options = {**settings(), **overrides}
        self.free_failures = int(options["free_failures"])
        self.first_delay = float(options["first_delay_seconds"])
        self.max_delay = float(options["max_delay_seconds"])
        self.account_max_delay = float(options["account_max_delay_seconds"])
        self.forget_after = float(options["forget_after_seconds"])
        self.check_wait = float(options["check_wait_seconds"])
        self.checks = threading.BoundedSemaphore(int(options["max_concurrent_checks"]))
        self.clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()
        self._stripes = [threading.Lock() for _ in range(self.STRIPES)]

    def delay(self, key: str, failures: int) -> float:
        """How long `key` waits after its `failures`-th failure."""
        if failures < self.free_failures:
            return 0.0
        cap = self.account_max_delay if key.startswith("account:") else self.max_delay
        return min(cap, self.first_delay * 2 ** min(failures - self.free_failures, 32))

    def seconds_locked(self, keys: list[str]) -> float:
        """How long the longest wait among these keys still lasts (0: free to try)."""
        now = self.clock()
        with self._lock:
            return max([0.0, *(r.last_failure + self.delay(k, r.failures) - now
                               for k in keys if (r := self._records.get(k)))])

    def failed(self, keys: list[str]) -> int:
        """Records a failure; returns how many tries are left before the next one must wait (0: it must)."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            left = self.free_failures
            for key in keys:
                record = self._records.setdefault(key, _Record())
                record.failures += 1
                record.last_failure = now
                left = min(left, max(0, self.free_failures - record.failures))
        return left

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._records.pop(key, None)

    def _forget_old(self, now: float) -> None:
        """Failures older than forget_after count no more (and the table stays small)."""
        for key in [k for k, r in self._records.items() if now - r.last_failure > self.forget_after]:
            del self._records[key]

    @contextmanager
    def serial(self, keys: list[str]):
        """One check at a time per key: yields False when another check of one of these keys has not ended
        within check_wait seconds."""
        stripes = sorted({hash(k) % self.STRIPES for k in keys})  # one order for everyone: no deadlock
        taken = []
        try:
            deadline = time.monotonic() + self.check_wait
            for i in stripes:
                if not self._stripes[i].acquire(timeout=max(0.0, deadline - time.monotonic())):
                    yield False
                    return
                taken.append(i)
            yield True
        finally:
            for i in reversed(taken):
                self._stripes[i].release()


throttle = Throttle()  # one per server process: every session's attempts meet here

_admin_sessions: set[str] = set()  # Streamlit session ids signed in as administrator (uploads are theirs only)
_admin_sessions_lock = threading.Lock()


def _session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


def _remember(admin: bool) -> None:
    if (session_id := _session_id()) is None:
        return
    with _admin_sessions_lock:
        (_admin_sessions.add if admin else _admin_sessions.discard)(session_id)


def is_admin_session(session_id: str) -> bool:
    """Whether this Streamlit session has signed in as administrator (cockpit/serve.py asks for each upload)."""
    with _admin_sessions_lock:
        return session_id in _admin_sessions


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
    admin = bool(st.session_state.get(SESSION_KEY)) or (
        oidc_configured() and getattr(st.user, "is_logged_in", False)
        and st.user.get("email") in _section("cockpit_auth").get("admin_emails", []))
    _remember(admin)
    return admin


def user_label() -> str:
    """Who is importing, as the snapshot history records it."""
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name") or "管理员")
    return "管理员（密码登录）"


def client_keys() -> list[str]:
    """The throttle keys of this browser session: the session itself, the client's address and the account."""
    if SESSION_ID_KEY not in st.session_state:
        st.session_state[SESSION_ID_KEY] = uuid.uuid4().hex
    # The connection's address; X-Forwarded-For counts only from [auth] trusted_proxies (cockpit/serve.py).
    address = getattr(st.context, "ip_address", None)
    address = address if isinstance(address, str) and address else "unknown"
    return [f"session:{st.session_state[SESSION_ID_KEY]}", f"address:{address}", f"account:{ACCOUNT}"]


def wait_text(seconds: float) -> str:
    """8 秒 / 15 分钟: rounded up, so a user who waits that long may try."""
    seconds = max(1, int(-(-seconds // 1)))
    return f"{seconds} 秒" if seconds < 60 else f"{int(-(-seconds // 60))} 分钟"


def attempt(password: str, keys: list[str]) -> str | None:
    """Checks a sign-in attempt; None when it succeeds, else the (Chinese) message to show."""
    with throttle.serial(keys) as mine:
        if not mine:
            return BUSY_MESSAGE
        if locked := throttle.seconds_locked(keys):
            return f"登录失败次数过多，请 {wait_text(locked)}后再试。"
        with throttle.checks:  # argon2 takes 64 MiB a check: only a few at once, whatever the sessions do
            good = verify_password(password, _password_hash())
        if good:
            throttle.succeeded(keys)
            return None
        left = throttle.failed(keys)
        wait = throttle.seconds_locked(keys)
    log.warning("administrator sign-in failed (%s)", ", ".join(k for k in keys if not k.startswith("session:")))
    if wait:
        return f"密码不正确。登录失败次数过多，请 {wait_text(wait)}后再试。"
    return f"密码不正确（再错 {left} 次后须等待一段时间才能再试）。"


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
    _remember(False)
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
