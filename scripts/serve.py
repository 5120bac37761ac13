"""A page to draw a digit on (or upload a photo of one) and see what the final model reads.

    python scripts/serve.py [--model results/final_model/model.skops] [--port 8000]
                            [--host 127.0.0.1]

Serves one page on http://127.0.0.1:8000/ (this machine only, unless --host says otherwise;
--port 0 picks a free port). Each drawing or photo is read as the workflow reads the files in
images/: the same preprocessing (digits_hypothesis.images) and the same model file, with its
calibrated probability, the next two candidates and the 8x8 image the model saw. Images are
read in memory and dropped: nothing sent is written anywhere. Without a model file the page
says how to build it, and picks it up once built (no restart needed).

Python's standard-library HTTP server: a local page for one person needs two routes, and no
dependency to install or keep up to date; it is not meant to face the internet.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from digits_hypothesis.models import ModelFileError, load_model
from digits_hypothesis.own_images import UNSURE_BELOW, read_upload

PAGE = Path(__file__).resolve().parents[1] / "templates" / "draw.html"
MAX_UPLOAD = 10 * 1024 * 1024  # bytes: a phone photo is 2-8 MB
BUILD = "snakemake --cores 4 results/final_model/model.skops"  # with data.source: digits


class Reader:
    """The model file, loaded when it first exists and again whenever it changes."""

    def __init__(self, path: Path):
        self.path, self.model, self.loaded_mtime = path, None, None
        self.lock = threading.Lock()

    def status(self) -> dict:
        if not self.path.is_file():
            return {
                "ready": False,
                "message": f"No model yet: {self.path} does not exist. Build it with "
                f"`{BUILD}` (in the workflow's folder, with the Digits data: data.source "
                "digits, the default; under a minute); this page picks it up without a restart.",
            }
        described = self.path.with_name("model.json")  # written beside it by the workflow
        about = json.loads(described.read_text()) if described.is_file() else {}
        unsure_below = about.get("unsure_below", UNSURE_BELOW)
        return {
            "ready": True,
            "model": str(self.path),
            "about": about,
            "unsure_below": unsure_below,
        }

    def get(self):
        with self.lock:
            mtime = self.path.stat().st_mtime_ns
            if self.model is None or mtime != self.loaded_mtime:
                self.model, self.loaded_mtime = load_model(str(self.path)), mtime
            return self.model


class Handler(BaseHTTPRequestHandler):
    reader: Reader  # set by main()
    hosts: set[str] | None = None  # the Host headers accepted (None: any), set by main()
    timeout = 30  # seconds a client may take to send its request

    def refused(self) -> bool:
        """Answer 403 to a request for another host name (a DNS-rebinding page) or posted by
        a page of another site (browsers send its Origin): only this page may use the model."""
        host, origin = self.headers.get("Host", ""), self.headers.get("Origin")
        if (self.hosts is None or host in self.hosts) and (
            origin is None or urlsplit(origin).netloc == host
        ):
            return False
        self.close_connection = True
        self.send_json(HTTPStatus.FORBIDDEN, {"error": "only this machine's page may use this"})
        return True

    def do_GET(self):
        if self.refused():
            return
        route = urlsplit(self.path).path
        if route == "/":
            self.send(HTTPStatus.OK, PAGE.read_bytes(), "text/html; charset=utf-8")
        elif route == "/status":
            self.send_json(HTTPStatus.OK, self.reader.status())
        else:
            self.send_json(HTTPStatus.NOT_FOUND, {"error": f"no page {route}"})

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/read":
            self.send_json(HTTPStatus.NOT_FOUND, {"error": f"no page {url.path}"})
            return
        if self.refused():
            return
        name = parse_qs(url.query).get("name", ["upload"])[0][:200]
        length = self.headers.get("Content-Length", "")
        size = int(length) if length.isdigit() else -1
        if size < 0:
            self.close_connection = True
            self.send_json(HTTPStatus.LENGTH_REQUIRED, {"error": f"{name}: no Content-Length"})
            return
        if size > MAX_UPLOAD:
            self.discard(size)
            limit = f"{size / 2**20:.1f} MB is too big (at most {MAX_UPLOAD // 2**20} MB)"
            self.send_json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"{name}: {limit}"})
            return
        status = self.reader.status()
        if not status["ready"]:
            self.discard(size)
            self.send_json(HTTPStatus.SERVICE_UNAVAILABLE, {"error": status["message"]})
            return
        data = self.rfile.read(size)
        try:
            model = self.reader.get()
        except ModelFileError as error:
            self.send_json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(error)})
            return
        row, features = read_upload(data, name, model, status["unsure_below"])
        if features is None:
            self.send_json(HTTPStatus.BAD_REQUEST, {"error": f"{name}: {row['error']}"})
            return
        self.send_json(HTTPStatus.OK, answer(row, features))

    def discard(self, size: int) -> None:
        """Read a refused body in small pieces and drop it, so the sender gets the answer
        (a connection closed mid-upload shows the sender only a broken pipe); a body far
        over the limit is not read at all."""
        if size > 4 * MAX_UPLOAD:
            self.close_connection = True
            return
        while size > 0:
            piece = self.rfile.read(min(size, 1 << 16))
            if not piece:  # the sender gave up
                break
            size -= len(piece)

    def send_json(self, status: HTTPStatus, body: dict) -> None:
        self.send(status, json.dumps(body).encode(), "application/json")

    def send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def answer(row: dict, features) -> dict:
    """What the page shows of one reading: a row of predictions.csv, typed, and the 8x8."""
    return {
        "file": row["file"],
        "digit": int(row["predicted_label"]),
        "probability": float(row["probability"]),
        "unsure": row["unsure"] == "True",
        "candidates": [
            {"digit": int(row[f"{rank}_label"]), "probability": float(row[f"{rank}_probability"])}
            for rank in ("second", "third")
        ],
        "features": [[round(float(v), 3) for v in line] for line in features],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Draw a digit and see what the model reads.")
    parser.add_argument("--model", default="results/final_model/model.skops", type=Path)
    parser.add_argument("--host", default="127.0.0.1", help="default: this machine only")
    parser.add_argument("--port", default=8000, type=int, help="0 picks a free port")
    args = parser.parse_args(argv)
    Handler.reader = Reader(args.model)
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    host, port = server.server_address[:2]
    if args.host in ("127.0.0.1", "localhost"):
        Handler.hosts = {f"{name}:{port}" for name in ("127.0.0.1", "localhost")}
    print(f"Draw a digit on http://{host}:{port}/  (Ctrl+C stops)", flush=True)
    if not args.model.is_file():
        print(Handler.reader.status()["message"], flush=True)
    else:  # load it now (skops and scikit-learn take about 2 s to import), not at the first read
        threading.Thread(target=Handler.reader.get, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
