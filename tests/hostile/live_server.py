"""The real server in a subprocess (`python -m cockpit serve`) and a bare Streamlit client: a WebSocket session
that runs the app once, as a browser would, so a test can act as a visitor who never signed in."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cockpit import REPO_DIR


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Live:
    base: str
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss_mb(self) -> float:
        """The server process's resident memory now."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024


@contextmanager
def server(data_dir: Path, env: dict[str, str] | None = None, *args: str, log_dir: Path | None = None,
           start_seconds: float = 60):
    """Starts the app (`python -m cockpit serve`, what `make run` starts) on a free port with `args` added; yields
    Live(base URL, process); stops it at the end. The one launcher of the tests that need a real server."""
    port = free_port()
    log = (log_dir or data_dir.parent) / f"server-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "cockpit", "serve", "--server.port", str(port), "--server.headless", "true",
             *args],
            cwd=REPO_DIR, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "COCKPIT_DATA_DIR": str(data_dir), **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_seconds
        while True:
            try:
                if request(base + "/_stcore/health")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield Live(base, process)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(url: str, method: str = "GET", data: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def xsrf_cookie(base: str) -> str:
    """The XSRF cookie the health check sets, as the browser gets it (uploads and the WebSocket send it back)."""
    _status, _body, headers = request(base + "/_stcore/health")
    cookie = next((v for k, v in headers.items() if k.lower() == "set-cookie" and "_streamlit_xsrf=" in v), "")
    return cookie.split("_streamlit_xsrf=", 1)[1].split(";", 1)[0] if cookie else ""


class Visitor:
    """A browser session that never signs in: connects, runs the app once, learns its session id."""

    def __init__(self, base: str):
        self.base, self.xsrf = base, xsrf_cookie(base)
        self.session_id: str | None = None
        self._socket = None

    async def __aenter__(self) -> Visitor:
        import websockets
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self._socket = await websockets.connect(
            url, subprotocols=["streamlit", self.xsrf] if self.xsrf else ["streamlit"],
            additional_headers={"Cookie": f"_streamlit_xsrf={self.xsrf}", "Origin": self.base},
            max_size=None)
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = ""
        await self._socket.send(back.SerializeToString())
        deadline = time.monotonic() + 60
        finished = False
        while not finished and time.monotonic() < deadline:  # the first run done: its imports are in memory
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(self._socket.recv(), 60))
            if message.WhichOneof("type") == "new_session":
                self.session_id = message.new_session.initialize.session_id
            finished = message.WhichOneof("type") == "script_finished"
        assert self.session_id and finished, "the app did not run"
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    def upload(self, name: str, data: bytes, file_id: str = "f1") -> tuple[int | None, bytes]:
        """PUTs one file as st.file_uploader does; (status, body). It asks `Expect: 100-continue` and sends the body
        only when the server asks for it (or says nothing for 5 s), so a server that refuses before reading the body
        can answer without the connection being reset mid-upload. None: the connection broke without an answer."""
        boundary = "----cockpit16"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        host, port = self.base.removeprefix("http://").split(":")
        head = (f"PUT /_stcore/upload_file/{self.session_id}/{file_id} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n"
                f"X-Xsrftoken: {self.xsrf}\r\nCookie: _streamlit_xsrf={self.xsrf}\r\nExpect: 100-continue\r\n"
                "Connection: close\r\n\r\n").encode()
        with socket.create_connection((host, int(port)), timeout=60) as conn:
            conn.sendall(head)
            conn.settimeout(5)
            try:
                first = conn.recv(65536)
            except TimeoutError:
                first = b""
            conn.settimeout(60)
            if not first or first.startswith(b"HTTP/1.1 100"):
                try:
                    conn.sendall(body)
                    answer = first.split(b"\r\n\r\n", 1)[1] if first else b""
                    while chunk := conn.recv(65536):
                        answer += chunk
                except OSError:
                    return None, b""
            else:
                answer = first
                try:
                    while chunk := conn.recv(65536):
                        answer += chunk
                except OSError:
                    pass
        status_line, _, rest = answer.partition(b"\r\n")
        return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]
