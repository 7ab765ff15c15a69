"""Administrator sign-in (cockpit/auth.py): argon2id hash, lockout per session and per client address."""
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
    """A fresh process-wide throttle on a clock the test moves."""
    clock = Clock()
    monkeypatch.setattr(auth, "throttle", auth.Throttle(clock=clock))
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


def test_throttle_locks_a_key_after_five_failures_for_fifteen_minutes(clock):
    keys = ["session:a", "address:10.0.0.1"]
    assert [auth.throttle.failed(keys) for _ in range(5)] == [4, 3, 2, 1, 0]
    assert auth.throttle.seconds_locked(keys) == 900
    assert auth.throttle.seconds_locked(["session:b", "address:10.0.0.1"]) == 900  # same address
    assert auth.throttle.seconds_locked(["session:b", "address:10.0.0.2"]) == 0
    clock.now += 899
    assert auth.throttle.seconds_locked(keys) == 1
    clock.now += 1
    assert auth.throttle.seconds_locked(keys) == 0


def test_success_clears_the_count_and_old_failures_expire(clock):
    keys = ["session:a", "address:x"]
    assert [auth.throttle.failed(keys) for _ in range(4)] == [4, 3, 2, 1]
    auth.throttle.succeeded(keys)
    assert auth.throttle.failed(keys) == 4
    clock.now += 901  # the last failure is older than a lockout period: it no longer counts
    assert auth.throttle.failed(keys) == 4


def test_five_wrong_passwords_then_the_right_one_is_refused_until_the_lock_ends(data_root, clock):
    at = page({"admin_password_hash": auth.hash_password(PASSWORD)})
    messages = [try_password(at, f"guess{i}").error[0].value for i in range(5)]
    assert messages[0] == "密码不正确（再错 4 次将暂停登录 15 分钟）。"
    assert messages[3] == "密码不正确（再错 1 次将暂停登录 15 分钟）。"
    assert messages[4] == "密码不正确。登录失败次数过多，请 15 分钟后再试。"
    try_password(at, PASSWORD)
    assert not signed_in(at) and at.error[0].value == "登录失败次数过多，请 15 分钟后再试。"
    clock.now += 14 * 60 + 1
    assert try_password(at, PASSWORD).error[0].value == "登录失败次数过多，请 1 分钟后再试。"
    clock.now += 60
    assert signed_in(try_password(at, PASSWORD))


def test_a_new_session_from_the_same_address_is_locked_too(data_root, clock):
    secrets = {"admin_password_hash": auth.hash_password(PASSWORD)}
    at = page(secrets)
    for i in range(5):
        try_password(at, f"guess{i}")
    fresh = page(secrets)  # a new browser session (AppTest has no client address: both share "unknown")
    assert not signed_in(try_password(fresh, PASSWORD))
    assert fresh.error[0].value == "登录失败次数过多，请 15 分钟后再试。"


def test_one_session_is_locked_even_when_its_address_count_is_cleared(data_root, clock):
    secrets = {"admin_password_hash": auth.hash_password(PASSWORD)}
    at = page(secrets)
    for i in range(5):
        try_password(at, f"guess{i}")
    auth.throttle.succeeded(["address:unknown"])  # as if the guessing session came from another address
    assert signed_in(try_password(page(secrets), PASSWORD))  # another session is free again
    assert not signed_in(try_password(at, PASSWORD))  # the guessing session itself stays locked
    assert at.error[0].value == "登录失败次数过多，请 15 分钟后再试。"


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
