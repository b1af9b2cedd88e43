"""A remote store that refuses a write: the build stops with the server's own message in one
line and, for Virtuoso's missing grant, the step that allows it; the URL form for a server with
separate query and update URLs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from click.testing import CliRunner

from graph.cli import cli
from graph.store import remote_endpoints

from .conftest import HEBI

REFUSAL = (b"Virtuoso 42000 Error SR186:SECURITY: No permission to execute procedure "
           b"DB.DBA.SPARQL_INSERT_DICT_CONTENT with user ID 107, group ID 107\n\nSPARQL query:\nINSERT DATA { ... }")


class RefusingVirtuoso(BaseHTTPRequestHandler):
    """Answers reads with no graphs, and refuses every write as a fresh Virtuoso does."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if b"update=" in body or (self.headers.get("Content-Type") or "").startswith("application/sparql-update"):
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(REFUSAL)
            return
        answer = b'{"head":{"vars":["g"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST


def test_a_refused_write_is_one_line_with_the_grant_to_give():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RefusingVirtuoso)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"sparql+http://127.0.0.1:{server.server_port}/sparql"
        result = CliRunner().invoke(cli, ["build", str(HEBI), "--store", url, "--jobs", "1"])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "answered 500" in lines[0] and "No permission to execute procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT" in lines[0]
    assert "GRANT SPARQL_UPDATE" in lines[0]


def test_separate_query_and_update_urls():
    assert remote_endpoints("sparql+http://h:7878/query#update=http://h:7878/update") == ("http://h:7878/query", "http://h:7878/update")
