"""`streamlit run` for tests: a free loopback port, the health check polled, stopped by its
process group at the end. The one way a test starts a real server (browser tests, the
WebSocket and logging checks)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

__all__ = ["Server", "free_port", "streamlit_server"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    #: the server's standard error, filled in once it has stopped (when asked for)
    stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def streamlit_server(
    script: str = "streamlit_app.py",
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    capture_stderr: bool = False,
) -> Iterator[Server]:
    """`streamlit run script` in `cwd` (whose .streamlit/config.toml it reads) on 127.0.0.1."""
    server = Server(free_port())
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(server.port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture_stderr else subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                if (
                    urllib.request.urlopen(server.url + "/_stcore/health", timeout=1).read()
                    == b"ok"
                ):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not answer on its health check within a minute")
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        _, err = process.communicate(timeout=30)
        server.stderr.append(err or "")
