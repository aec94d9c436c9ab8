"""`portal requests list|export`: what residents sent, for staff, in text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from portal.cli import main
from portal.datarequests.form import Submission
from portal.datarequests.store import SQLiteStore

NOW = 1_800_000_000.0


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PORTAL_REDIS_URL", raising=False)
    store = SQLiteStore(tmp_path / "requests.sqlite")
    store.add(Submission("AED の一覧", "地図に載せたい\n二行目", "a@example.org", "ja"),
              "n1", "c", NOW, 5)
    store.add(Submission("=HYPERLINK(\"http://evil.example\")", "", "", "en"), "n2", "c",
              NOW + 60, 5)
    return tmp_path


def test_list_shows_every_request_oldest_first(data_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["requests", "list"]) == 0
    assert capsys.readouterr().out == (
        "#1  2027-01-15T08:00:00+00:00  (ja)\n  what: AED の一覧\n"
        "  why: 地図に載せたい\n    二行目\n  contact: a@example.org\n\n"
        "#2  2027-01-15T08:01:00+00:00  (en)\n  what: =HYPERLINK(\"http://evil.example\")\n\n")


def test_export_writes_csv_for_excel_with_formulas_neutralised(
        data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "requests.csv"
    assert main(["requests", "export", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [
        ["reference", "received_at", "what", "why", "contact", "lang"],
        ["1", "2027-01-15T08:00:00+00:00", "AED の一覧", "地図に載せたい\n二行目",
         "a@example.org", "ja"],
        ["2", "2027-01-15T08:01:00+00:00", "'=HYPERLINK(\"http://evil.example\")", "", "",
         "en"]]


def test_export_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["requests", "export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"reference": 1, "received_at": "2027-01-15T08:00:00+00:00", "what": "AED の一覧",
         "why": "地図に載せたい\n二行目", "contact": "a@example.org", "lang": "ja"},
        {"reference": 2, "received_at": "2027-01-15T08:01:00+00:00",
         "what": "=HYPERLINK(\"http://evil.example\")", "why": "", "contact": "", "lang": "en"}]


def test_an_unreadable_store_is_a_message_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("PORTAL_DATA_DIR", str(blocker))
    monkeypatch.delenv("PORTAL_REDIS_URL", raising=False)
    assert main(["requests", "list", "--lang", "en"]) == 1
    assert capsys.readouterr().err == (
        "portal requests: Requests cannot be stored at the moment; yours has not been saved.\n")
