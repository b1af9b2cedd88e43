"""Oxigraph's own SPARQL server (PyPI ``oxigraph``), started on loopback for a test and stopped
after it: a second remote store, and the reference the protocol tests are held to."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .virtuoso import free_port

BINARY = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@contextmanager
def oxigraph_server(folder: Path, read_only: bool = False) -> Iterator[int]:
    """A server on the store in ``folder`` (default graph: the union of the named graphs); its port."""
    if not Path(BINARY).exists():
        pytest.skip("Oxigraph's server (pip install oxigraph) is not installed")
    port = free_port()
    command = [BINARY, "serve-read-only" if read_only else "serve", "--location", str(folder),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
