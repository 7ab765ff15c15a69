"""PNG export: the Chromium that kaleido starts makes no attempt to reach another host, not even the IPv6 probe's
UDP connect() that sends nothing (issue 13 §4). Checked with strace when it is installed (make test installs it)."""
from __future__ import annotations

import ipaddress
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from cockpit import REPO_DIR, exports

# connect(18, {sa_family=AF_INET6, sin6_port=htons(443), ..., inet_pton(AF_INET6, "2001:4860:4860::8888", ...
# connect(5, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("8.8.8.8")}, 16) = 0
ADDRESS = re.compile(r'(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6?, "([^"]+)")')
RENDER = textwrap.dedent("""
    import time
    import kaleido
    import plotly.graph_objects as go
    from cockpit import exports
    fig = go.Figure(go.Bar(x=["南湖", "秀洲"], y=[45.0, 40.0]))
    for i in range(2):
        assert exports.figure_png(fig, f"测试{i}", "2020年6月").startswith(exports.PNG_SIGNATURE)
        time.sleep(3)  # the browser's start-up services ask a few seconds in
    kaleido.stop_sync_server(silence_warnings=True)
""")


def remote_addresses(strace_log: str) -> list[str]:
    """Every non-loopback IPv4/IPv6 address in connect/sendto/sendmsg calls of the log."""
    found = []
    for line in strace_log.splitlines():
        if not re.search(r"\b(connect|sendto|sendmsg)\(", line) or "AF_INET" not in line:
            continue
        for v4, v6 in ADDRESS.findall(line):
            address = ipaddress.ip_address(v4 or v6)
            if not (address.is_loopback or address.is_unspecified):
                found.append(str(address))
    return found


def test_the_log_reader_finds_the_probe_that_issue_13_saw():
    log = ('26550 connect(18, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), '
           'inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0\n'
           '26551 connect(5, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1\n'
           '26552 sendto(7, "x", 1, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.1.2.3")}, 16)\n'
           '26553 connect(3, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0\n')
    assert remote_addresses(log) == ["2001:4860:4860::8888", "10.1.2.3"]


def test_chromium_is_started_with_the_switches_that_stop_the_lookups():
    flags = exports.OFFLINE_FLAGS
    assert "--component-updater=url-source=data:," in flags
    assert '--gaia-config-contents={"urls":{"list_accounts_url":{"url":"data:,"}}}' in flags
    assert "--host-resolver-rules=MAP * ~NOTFOUND" in flags


@pytest.mark.skipif(exports.browser_path() is None, reason="no system chromium")
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed (make test installs it)")
def test_png_export_under_strace_connects_to_no_address_but_loopback(tmp_path):
    log_path = tmp_path / "strace.log"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log_path),
         sys.executable, "-c", RENDER],
        cwd=REPO_DIR, capture_output=True, text=True, timeout=240)
    if done.returncode != 0 and "ptrace" in done.stderr.lower():
        pytest.skip("strace may not trace here: " + done.stderr.strip()[:200])
    assert done.returncode == 0, done.stderr[-2000:]
    log = log_path.read_text(errors="replace")
    assert "connect(" in log  # the trace saw the render (kaleido talks to Chromium over local sockets)
    assert remote_addresses(log) == []
