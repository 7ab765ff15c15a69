"""Issue 16, sign-in: X-Forwarded-For counts only from configured proxies, and 30 simultaneous wrong passwords are
checked one at a time (at most the free failures reach argon2) with flat memory."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap

import pytest
import uvicorn

from cockpit import REPO_DIR, config, serve


def client_seen(peer: str, forwarded_for: str | None) -> str:
    """The client address the app sees behind uvicorn as `python -m cockpit serve` configures it."""
    seen = {}

    async def app(scope, receive, send):
        seen["client"] = scope["client"][0]

    settings = serve.uvicorn_settings()
    loaded = uvicorn.Config(app, **settings)
    loaded.load()
    headers = [(b"x-forwarded-for", forwarded_for.encode())] if forwarded_for else []
    scope = {"type": "http", "method": "GET", "path": "/", "headers": headers, "client": (peer, 50000),
             "scheme": "http", "server": ("127.0.0.1", 8501), "query_string": b"", "root_path": ""}
    asyncio.run(loaded.loaded_app(scope, None, None))
    return seen["client"]


@pytest.fixture
def proxy_config(tmp_path, monkeypatch):
    """config/cockpit.toml with nginx on this machine as the trusted proxy."""
    text = config.config_path().read_text(encoding="utf-8")
    assert "\ntrusted_proxies = []\n" in text
    path = tmp_path / "cockpit.toml"
    path.write_text(text.replace("\ntrusted_proxies = []\n", '\ntrusted_proxies = ["127.0.0.1"]\n'), encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(path))
    return path


def test_by_default_no_header_changes_the_client_address():
    # before: uvicorn's default believed any connection from 127.0.0.1, so a local proxy let every try send a new
    # address (8 wrong passwords never locked) or name the administrator's address to lock it
    assert serve.trusted_proxies() == []
    assert client_seen("127.0.0.1", "10.9.9.9") == "127.0.0.1"
    assert client_seen("192.168.1.20", "10.9.9.9") == "192.168.1.20"


def test_a_configured_proxy_is_believed_and_nobody_else(proxy_config):
    assert serve.trusted_proxies() == ["127.0.0.1"]
    assert client_seen("127.0.0.1", "10.9.9.9") == "10.9.9.9"
    # the right-most address the proxy did not add itself: a client's own forged entries come first
    assert client_seen("127.0.0.1", "1.2.3.4, 10.9.9.9") == "10.9.9.9"
    assert client_seen("192.168.1.20", "10.9.9.9") == "192.168.1.20"  # not the proxy: header ignored


CHILD = textwrap.dedent("""
    import json, resource, threading
    from cockpit import auth

    encoded = auth.hash_password("口令2020")
    auth._password_hash = lambda: encoded
    verify, lock, counts = auth.verify_password, threading.Lock(), {"checked": 0, "running": 0, "most": 0}

    def counting(password, hashed):
        with lock:
            counts["checked"] += 1
            counts["running"] += 1
            counts["most"] = max(counts["most"], counts["running"])
        try:
            return verify(password, hashed)
        finally:
            with lock:
                counts["running"] -= 1

    auth.verify_password = counting
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    barrier, answers = threading.Barrier(30), []

    def guess(i):
        barrier.wait()
        answers.append(auth.attempt(f"guess{i}", [f"session:{i}", "address:10.3.0.1", "account:admin"]))

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(json.dumps({**counts, "grown_mb": grown, "answers": answers}, ensure_ascii=False))
""")


def test_thirty_simultaneous_wrong_passwords_check_three_and_keep_memory_flat(tmp_path):
    # before: 19 of 30 were checked (the lock was looked at before any failure was counted) and the server grew
    # from 407 to 1,224 MB, 64 MiB per argon2 check running at once
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO_DIR, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["checked"] == 3 and result["most"] == 1, result
    assert sum(a.startswith("密码不正确") for a in result["answers"]) == 3
    assert result["grown_mb"] < 100, result  # one argon2 check at a time (64 MiB), not 19
