"""Every example a developer is shown runs against the published catalog (a build of the
repository's catalog.yaml, served on a socket): the GET lines and Python blocks of docs/*.md and
the README, the examples of /api/docs (the route tables) and /developers, and the pandas and R
snippets of every dataset page. Each answers 2xx, and codes come back as the text "092053"."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from threading import Thread
from typing import Any
from urllib.parse import quote, urlsplit

import dash
import openpyxl
import pandas as pd
import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from portal.query.detail import dataset_detail
from portal.store.current import load_build
from portal.web.components.snippets import pandas_snippet, r_snippet

ROOT = Path(__file__).resolve().parents[1]
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
CODE = "全国地方公共団体コード"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str, Path]]:
    root = tmp_path_factory.mktemp("published")
    out = root / "build"
    assert build(ROOT / "catalog.yaml", out).exit_code == 0
    app = create_app(load_settings({}, build_dir=out, cache_dir=root / "cache", redis_url=""))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}", out
    server.shutdown()
    thread.join(timeout=5)


def doc_requests() -> list[tuple[str, str]]:
    """(file, path) of every ``GET <path>`` line in a fenced block of the docs."""
    found = []
    for doc in DOCS:
        for _, block in FENCE.findall(doc.read_text(encoding="utf-8")):
            found += [(doc.name, line[4:].strip()) for line in block.splitlines()
                      if line.startswith("GET /")]
    return found


def doc_python() -> list[tuple[str, str]]:
    """Python blocks that read the portal (written against ``base = "https://…"``); others
    are signatures of the package's functions."""
    return [(doc.name, block) for doc in DOCS
            for lang, block in FENCE.findall(doc.read_text(encoding="utf-8"))
            if lang == "python" and '"https://…"' in block]


def _encoded(path: str) -> str:
    """The path as an HTTP client sends it (percent-encoded, reserved characters kept)."""
    return quote(path, safe="/?&=,:;+$@!*'()[]{}%")


def codes_in(response: requests.Response) -> list[Any]:
    """The values the answer gives for a 全国地方公共団体コード (as typed by its format)."""
    kind = response.headers["Content-Type"].split(";")[0]
    if kind.endswith("json"):
        body = response.json()
        found: list[Any] = []

        def walk(value: Any) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key == CODE:
                        found.extend(item if isinstance(item, list) else [item])
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(body)
        return found
    if kind.endswith("spreadsheetml.sheet"):
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].values)
        if CODE not in rows[0]:
            return []
        column = rows[0].index(CODE)
        return [row[column] for row in rows[1:]]
    if kind == "text/csv":
        text = response.content.decode(response.encoding or "utf-8-sig").lstrip("\ufeff")
        return [row[CODE] for row in csv.DictReader(io.StringIO(text)) if CODE in row]
    return []


def _check(base: str, path: str) -> requests.Response:
    response = requests.get(base + _encoded(path), timeout=30)
    assert 200 <= response.status_code < 300, (path, response.status_code, response.text[:300])
    codes = codes_in(response)
    assert all(code == "092053" for code in codes), (path, codes[:3])
    if "092053" in path or urlsplit(path).path.startswith("/datasets/kanuma-evacuation-sites."):
        assert codes, path  # the code columns are there, as text
    return response


@pytest.mark.parametrize(("doc", "path"), doc_requests())
def test_every_request_in_the_docs_answers(published: tuple[Flask, str, Path], doc: str,
                                           path: str) -> None:
    _, base, _ = published
    _check(base, path)


def test_the_docs_have_examples_of_every_kind() -> None:
    paths = [p for _, p in doc_requests()]
    for needed in ("/api/v1/datasets?", "/rows?", "_bbox=", "_shape=geojson", ".xlsx", ".json",
                   ".geojson", "/feed.atom", "package_search", "datastore_search"):
        assert any(needed in p for p in paths), needed


@pytest.mark.parametrize(("doc", "code"), doc_python())
def test_every_python_block_of_the_docs_runs(published: tuple[Flask, str, Path], doc: str,
                                             code: str) -> None:
    _, base, _ = published
    namespace: dict[str, Any] = {}
    exec(code.replace('"https://…"', repr(base)), namespace)  # noqa: S102
    assert namespace["df"][CODE].iloc[0] == "092053"
    assert namespace["rows"][CODE].iloc[0] == "092053"
    assert len(namespace["df"]) == len(namespace["rows"]) > 0


def test_every_example_of_the_api_docs_page_answers(published: tuple[Flask, str, Path]) -> None:
    _, base, _ = published
    page = requests.get(f"{base}/api/docs", timeout=30).text
    examples = [html.unescape(e) for e in re.findall(r"Example: <a href='([^']+)'>", page)]
    assert len(examples) >= 20
    for path in examples:
        _check(base, path)
    assert "generated-" not in page


def test_every_example_of_the_developers_page_answers(
        published: tuple[Flask, str, Path]) -> None:
    app, base, _ = published
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/developers")
    with app.test_request_context("/developers"):
        tree = entry["layout"]()
    examples = [a.href for a in _links(tree) if getattr(a, "className", "") ==
                "developer-example"]
    assert any("_bbox=" in e for e in examples) and any(e.endswith(".geojson") for e in examples)
    for path in examples:
        _check(base, path)


def _links(tree: Any) -> Iterator[Any]:
    if isinstance(tree, dash.html.A):
        yield tree
    children = getattr(tree, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            yield from _links(child)


def _snippet_inputs(out: Path, base: str) -> Iterator[tuple[str, str, str | None, dict]]:
    build_ = load_build(out)
    for dataset in build_.published:
        detail = dataset_detail(build_, dataset.id, base)
        primary = detail["resources"][0]
        json_url = next((f["url"] for f in primary["files"] if f["kind"] == "json"), None)
        yield dataset.id, primary["files"][0]["url"], json_url, primary["schema"]


def test_the_pandas_snippet_of_every_dataset_page_runs_and_keeps_codes_as_text(
        published: tuple[Flask, str, Path]) -> None:
    _, base, out = published
    ran = 0
    for dataset_id, csv_url, json_url, schema in _snippet_inputs(out, base):
        namespace: dict[str, Any] = {}
        exec(pandas_snippet(csv_url, json_url, schema), namespace)  # noqa: S102
        df, rows = namespace["df"], namespace["rows"]
        assert len(df) == len(rows), dataset_id
        assert list(df.columns) == [f["name"] for f in schema["fields"]], dataset_id
        for frame in (df, rows):
            for column in (c for c in frame.columns if "全国地方公共団体コード" in c):
                assert frame[column].dropna().eq("092053").all() or \
                    dataset_id == "tochigi-municipality-codes", (dataset_id, column)
                assert pd.api.types.is_string_dtype(frame[column]), (dataset_id, column)
        ran += 1
    assert ran >= 10


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R (Rscript) is not installed")
def test_the_r_snippet_reads_codes_as_character(published: tuple[Flask, str, Path]) -> None:
    _, base, out = published
    for dataset_id, csv_url, _, schema in _snippet_inputs(out, base):
        if dataset_id != "kanuma-evacuation-sites":
            continue
        script = r_snippet(csv_url, schema) + f'\ncat(df[["{CODE}"]][1])\n'
        done = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "092053"


def test_the_json_download_needs_its_orient() -> None:
    # What the docs say: pd.read_json's default refuses {"fields", "rows"}.
    document = io.StringIO(json.dumps({"fields": [{"name": CODE}, {"name": "x"}],
                                       "rows": [{CODE: "092053", "x": 1}]}))
    with pytest.raises(ValueError, match="same length"):
        pd.read_json(document)
