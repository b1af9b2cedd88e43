"""Start the explorer as the README does, in a process of its own, for tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def start_explorer(port: int, store: str, timeout: float = 60.0, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`streamlit run app.py` from the project folder (so its .streamlit/config.toml is read)
    on loopback, reading ``store`` (with ``env`` set too); returned once the server answers its health check."""
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                               "--server.address", "127.0.0.1", "--server.port", str(port)], cwd=PROJECT, env={**os.environ, **(env or {}), "INNOGRAPH_STORE": store},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    server.wait()
    raise RuntimeError(f"the explorer did not start on port {port} (exit code {server.returncode})")
