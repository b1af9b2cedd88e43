"""Start a throw-away Virtuoso (Debian's virtuoso-opensource) on loopback for the shared-store test.

The steps are those of shared/design/recipes.md: a copy of the packaged virtuoso.ini with
its files in a temporary folder and its ports on 127.0.0.1, updates granted to the
SPARQL user, shutdown through isql when the test is done.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

PACKAGED_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def available() -> bool:
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt") and PACKAGED_INI.exists())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isql(port: int, command: str) -> None:
    subprocess.run(["isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={command}"], check=True, capture_output=True, timeout=60)


class Virtuoso:
    def __init__(self, folder: Path):
        self.folder = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.endpoint = f"http://127.0.0.1:{self.http_port}/sparql"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> Virtuoso:
        ini = PACKAGED_INI.read_text(encoding="utf-8")
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{self.folder}/")
        ini = ini.replace("ServerPort               = 1111", f"ServerPort               = 127.0.0.1:{self.sql_port}")
        ini = ini.replace("ServerPort                  = 8890", f"ServerPort                  = 127.0.0.1:{self.http_port}")
        ini = ini.replace("DirsAllowed              = .,", f"DirsAllowed              = ., {self.folder},")
        config = self.folder / "virtuoso.ini"
        config.write_text(ini, encoding="utf-8")
        log = (self.folder / "server.out").open("w")
        self.process = subprocess.Popen(["virtuoso-t", "+configfile", str(config), "+foreground"], cwd=self.folder,
                                        stdout=log, stderr=subprocess.STDOUT)
        ask = self.endpoint + "?" + urllib.parse.urlencode({"query": "ASK { }"})
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: {(self.folder / 'server.out').read_text()[-500:]}")
            try:
                with urllib.request.urlopen(ask, timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            self.stop()
            raise RuntimeError("Virtuoso did not answer on /sparql in time")
        isql(self.sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET(\'nobody\', 7);')
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            isql(self.sql_port, "shutdown;")
            self.process.wait(timeout=30)
        except (subprocess.SubprocessError, OSError):
            self.process.kill()
            self.process.wait()
        self.process = None
