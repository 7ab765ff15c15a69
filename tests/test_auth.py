"""Administrator sign-in (cockpit/auth.py): argon2id hash; waits that grow with failures per session, client address
and account; one check at a time per address and account; the sessions signed in as administrator."""
from __future__ import annotations

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR, auth

PAGE = str(REPO_DIR / "pages" / "data_admin.py")
PASSWORD = "口令2020"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """A fresh process-wide throttle on a clock the test moves, and no session signed in yet."""
    clock = Clock()
    monkeypatch.setattr(auth, "throttle", auth.Throttle(clock=clock))
    monkeypatch.setattr(auth, "_admin_sessions", set())
    return clock


def page(secrets: dict) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = secrets
    at.run()
    return at


def try_password(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    at.button[0].click().run()
    assert not at.exception
    return at


def signed_in(at: AppTest) -> bool:
    return len(at.get("file_uploader")) == 1


def test_hash_is_salted_argon2id_and_verifies():
    first, second = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and second.startswith("$argon2id$") and first != second
    assert auth.verify_password(PASSWORD, first) and auth.verify_password(PASSWORD, second)
    assert not auth.verify_password("口令2021", first)
    assert not auth.verify_password(PASSWORD, "not a hash") and not auth.verify_password(PASSWORD, "")


SESSION_A = ["session:a", "address:10.0.0.1", "account:admin"]


def test_waits_double_after_the_free_failures_up_to_their_caps(clock):
    assert [auth.throttle.failed(SESSION_A) for _ in range(3)] == [2, 1, 0]
    assert auth.throttle.seconds_locked(SESSION_A) == 30  # the 3rd failure: 30 s before the next try
    waits = []
    for _ in range(8):
        clock.now += auth.throttle.seconds_locked(SESSION_A)
        auth.throttle.failed(SESSION_A)
        waits.append(auth.throttle.seconds_locked(["session:a"]))
    assert waits == [60, 120, 240, 480, 900, 900, 900, 900]  # 15 minutes at most for a session or an address
    assert auth.throttle.seconds_locked(["account:admin"]) == 60  # the account: never more than a minute
    assert auth.throttle.seconds_locked(["session:b", "address:10.0.0.1"]) == 900  # same address
    assert auth.throttle.seconds_locked(["session:b", "address:10.0.0.2"]) == 0


def test_guessing_from_many_addresses_slows_the_account_but_never_locks_the_administrator_out(clock):
    for i in range(50):  # a new session and address every time, as through a botnet or a spoofed header
        clock.now += auth.throttle.seconds_locked(["account:admin"])
        assert auth.throttle.seconds_locked([f"session:{i}", f"address:10.1.0.{i}"]) == 0
        auth.throttle.failed([f"session:{i}", f"address:10.1.0.{i}", "account:admin"])
    administrator = ["session:admin", "address:10.9.9.9", "account:admin"]
    assert auth.throttle.seconds_locked(administrator) == 60  # 50 guesses took 47 minutes; the administrator waits 1
    clock.now += 60
    assert auth.throttle.seconds_locked(administrator) == 0


def test_success_clears_the_count_and_old_failures_expire(clock):
    assert [auth.throttle.failed(SESSION_A) for _ in range(2)] == [2, 1]
    auth.throttle.succeeded(SESSION_A)
    assert auth.throttle.failed(SESSION_A) == 2
    clock.now += 3601  # the last failure is older than forget_after_seconds: it no longer counts
    assert auth.throttle.failed(SESSION_A) == 2


def test_wrong_passwords_then_the_right_one_waits_until_the_delay_ends(data_root, clock):
    at = page({"admin_password_hash": auth.hash_password(PASSWORD)})
    messages = [try_password(at, f"guess{i}").error[0].value for i in range(3)]
    assert messages[0] == "密码不正确（再错 2 次后须等待一段时间才能再试）。"
    assert messages[1] == "密码不正确（再错 1 次后须等待一段时间才能再试）。"
    assert messages[2] == "密码不正确。登录失败次数过多，请 30 秒后再试。"
    try_password(at, PASSWORD)
    assert not signed_in(at) and at.error[0].value == "登录失败次数过多，请 30 秒后再试。"
    clock.now += 29.5
    assert try_password(at, PASSWORD).error[0].value == "登录失败次数过多，请 1 秒后再试。"
    clock.now += 0.5
    assert signed_in(try_password(at, PASSWORD))


def test_a_new_session_from_the_same_address_waits_too(data_root, clock):
    secrets = {"admin_password_hash": auth.hash_password(PASSWORD)}
    at = page(secrets)
    for i in range(5):
        clock.now += auth.throttle.seconds_locked(["address:unknown"])  # each guess after the wait
        try_password(at, f"guess{i}")
    fresh = page(secrets)  # a new browser session (AppTest has no client address: both share "unknown")
    assert not signed_in(try_password(fresh, PASSWORD))
    assert fresh.error[0].value == "登录失败次数过多，请 2 分钟后再试。"  # 5th failure: 30 × 2²


def test_one_session_waits_even_when_its_address_count_is_cleared(data_root, clock):
    secrets = {"admin_password_hash": auth.hash_password(PASSWORD)}
    at = page(secrets)
    for i in range(5):
        clock.now += auth.throttle.seconds_locked(["address:unknown"])
        try_password(at, f"guess{i}")
    auth.throttle.succeeded(["address:unknown", "account:admin"])  # as if it came from another address
    assert signed_in(try_password(page(secrets), PASSWORD))  # another session is free again
    assert not signed_in(try_password(at, PASSWORD))  # the guessing session itself still waits
    assert at.error[0].value == "登录失败次数过多，请 2 分钟后再试。"


def test_simultaneous_wrong_passwords_are_checked_one_at_a_time_and_all_counted(clock, monkeypatch):
    """30 threads at once (issue 16: 19 were checked instead of 5, memory 407 → 1,224 MB): the account's checks
    run one after another, so only the free failures reach argon2 and the rest are refused by the wait."""
    import threading

    encoded = auth.hash_password(PASSWORD)
    monkeypatch.setattr(auth, "_password_hash", lambda: encoded)
    running, most, checked = 0, 0, 0
    guard = threading.Lock()
    verify = auth.verify_password

    def counting(password, hashed):
        nonlocal running, most, checked
        with guard:
            running, checked = running + 1, checked + 1
            most = max(most, running)
        try:
            return verify(password, hashed)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(auth, "verify_password", counting)
    start = threading.Barrier(30)
    answers = []

    def guess(i):
        start.wait()
        answers.append(auth.attempt(f"guess{i}", [f"session:{i}", f"address:10.2.0.{i}", "account:admin"]))

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert checked == 3 and most == 1
    assert sum(a.startswith("密码不正确") for a in answers) == 3
    assert sum(a.startswith("登录失败次数过多") or a == auth.BUSY_MESSAGE for a in answers) == 27


def test_signed_in_sessions_are_remembered_for_uploads_and_forgotten_at_sign_out(data_root, clock):
    at = page({"admin_password_hash": auth.hash_password(PASSWORD)})
    assert not auth._admin_sessions
    assert signed_in(try_password(at, PASSWORD))
    (session,) = auth._admin_sessions
    assert auth.is_admin_session(session) and not auth.is_admin_session("another-session")
    sign_out = next(b for b in at.button if b.label == "退出登录")
    sign_out.click().run()
    assert not auth.is_admin_session(session)


def test_old_sha256_secret_signs_nobody_in_and_the_log_says_how_to_replace_it(data_root, clock, caplog):
    at = page({"admin_password_sha256": hashlib.sha256(PASSWORD.encode()).hexdigest()})
    assert not at.text_input and not signed_in(at)
    assert at.warning[0].value == "管理员密码需由系统管理员更新后才能登录。"
    assert "python -m cockpit.auth" in caplog.text and "admin_password_hash" in caplog.text


def test_new_hash_wins_over_a_leftover_sha256(data_root, clock):
    at = page({"admin_password_hash": auth.hash_password(PASSWORD),
               "admin_password_sha256": hashlib.sha256(b"old").hexdigest()})
    assert not signed_in(try_password(at, "old"))
    assert signed_in(try_password(at, PASSWORD))


def test_command_prints_a_hash_that_verifies(monkeypatch, capsys):
    long_password = "嘉兴双进双产2020"
    answers = iter([long_password, long_password, "short", "short", long_password, "other password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert auth.main() == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith('admin_password_hash = "$argon2id$')
    assert auth.verify_password(long_password, line.split('"')[1])
    assert auth.main() == 1 and auth.main() == 1  # too short; the two entries differ
    assert "admin_password_hash" not in capsys.readouterr().out
