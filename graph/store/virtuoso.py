"""Virtuoso's own bulk loader: the fast way to fill a Virtuoso store with many plans."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .blocks import block_slices
from .errors import RemoteStoreError

VIRTUOSO_GRANT = ("for Virtuoso, let its SPARQL user write: isql 1111 dba <password> exec='GRANT SPARQL_UPDATE TO \"SPARQL\"; "
                  "DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'")


BULK_LOADERS = 2  # Virtuoso's loaders run side by side, a file each; one per core here


def virtuoso_bulk_load(data: str | bytes | Path, folder: Path, isql: str, slice_bytes: int = 32 << 20) -> None:
    """Load graph blocks with Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``): the
    blocks are written as TriG files into a folder the server reads, loaded by the server
    (far faster than INSERT DATA or the Graph Store Protocol, which parse on one thread and
    log every row), checkpointed, and removed. The SQL login is ``INNOGRAPH_ISQL_USER`` /
    ``INNOGRAPH_ISQL_PASSWORD`` (Virtuoso's ``dba``); a file the server could not load is an
    error naming the file and Virtuoso's message."""
    import subprocess
    import uuid

    user, password = os.environ.get("INNOGRAPH_ISQL_USER", "dba"), os.environ.get("INNOGRAPH_ISQL_PASSWORD")
    client = shutil.which("isql-vt") or shutil.which("isql")
    where = f"virtuoso bulk loader at {isql}"
    if password is None:
        raise RemoteStoreError(f"{where}: set INNOGRAPH_ISQL_PASSWORD to the password of {user}")
    if client is None:
        raise RemoteStoreError(f"{where}: Virtuoso's isql client (isql-vt) is not installed here")
    folder.mkdir(parents=True, exist_ok=True)
    batch = f"innograph-{uuid.uuid4().hex[:12]}"
    files = []
    try:
        for k, chunk in enumerate(block_slices(data, slice_bytes)):
            path = folder / f"{batch}-{k:05d}.trig"
            path.write_bytes(chunk)
            files.append(path)
        if not files:
            return

        def sql(command: str) -> str:
            done = subprocess.run([client, isql, user, password, f"exec={command}"], capture_output=True, text=True,
                                  timeout=24 * 3600, check=False)
            if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
                said = " ".join((done.stderr or done.stdout).split())[:300]
                raise RemoteStoreError(f"{where}: {said}")
            return done.stdout

        sql(f"ld_dir('{folder.resolve()}', '{batch}-%.trig', 'urn:innograph:unnamed');")
        loaders = [subprocess.Popen([client, isql, user, password, "exec=rdf_loader_run();"], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True) for _ in range(min(BULK_LOADERS, len(files)))]
        outputs = [loader.communicate()[0] for loader in loaders]
        if any(loader.returncode for loader in loaders):
            raise RemoteStoreError(f"{where}: {' '.join(outputs[0].split())[:300]}")
        mine = f"ll_file LIKE '{folder.resolve()}/{batch}-%'"  # (isql reads a quote opening with % as a macro)
        if batch in sql(f"SELECT ll_file FROM DB.DBA.load_list WHERE {mine} AND ll_error IS NOT NULL;"):
            # loaders side by side can deadlock on a shared page; such a file is loaded again
            # alone (a quad already in is not added twice: Virtuoso keeps quads as a set)
            sql(f"UPDATE DB.DBA.load_list SET ll_state = 0, ll_error = NULL WHERE {mine} AND ll_error IS NOT NULL;")
            sql("rdf_loader_run();")
        sql("checkpoint;")
        failed = sql(f"SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE {mine} AND ll_error IS NOT NULL;")
        sql(f"DELETE FROM DB.DBA.load_list WHERE {mine};")
        if batch in failed:
            line = next(line for line in failed.splitlines() if batch in line)
            raise RemoteStoreError(f"{where}: the server could not load {' '.join(line.split())[:300]}")
    finally:
        for path in files:
            path.unlink(missing_ok=True)
