"""The request store: one atomic step per submission (duplicate, limit, store), in SQLite and
in Redis, shared safely by several processes; an unavailable store is a coded 503."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
from pathlib import Path

import pytest

from portal.config import load_settings
from portal.datarequests.form import Submission
from portal.datarequests.store import RedisStore, SQLiteStore
from portal.datarequests.submit import new_token, submit_request
from portal.errors import PortalError
from tests.api.test_cache import redis_server  # noqa: F401 (fixture)

NOW = 1_800_000_000.0


def _submission(text: str) -> Submission:
    return Submission(what=text, why="地図に使う", contact="a@example.org", lang="ja")


def _code(call: object) -> tuple[str, int]:
    with pytest.raises(PortalError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code, caught.value.status


def _behaves(store: SQLiteStore | RedisStore) -> None:
    first = store.add(_submission("AED の一覧"), "n1", "client-a", NOW, 3)
    again = store.add(_submission("AED の一覧"), "n1", "client-a", NOW + 1, 3)
    other = store.add(_submission("AED の一覧、修正"), "n1", "client-a", NOW + 2, 3)
    assert (first.reference, first.duplicate) == (1, False)
    assert (again.reference, again.duplicate) == (1, True)
    assert (other.reference, other.duplicate) == (2, False)
    store.add(_submission("三件目"), "n2", "client-a", NOW + 3, 3)
    assert _code(lambda: store.add(_submission("四件目"), "n3", "client-a", NOW + 4, 3)) == (
        "request-rate-limited", 429)
    # Another client is not limited; a double click past the limit still gets its number.
    assert store.add(_submission("別の人"), "n4", "client-b", NOW + 5, 3).reference == 4
    assert store.add(_submission("三件目"), "n2", "client-a", NOW + 6, 3).duplicate
    # An hour after its first request the client may send again.
    assert store.add(_submission("翌時間"), "n5", "client-a", NOW + 3601, 3).reference == 5
    assert [(r.reference, r.what, r.contact) for r in store.all()] == [
        (1, "AED の一覧", "a@example.org"), (2, "AED の一覧、修正", "a@example.org"),
        (3, "三件目", "a@example.org"), (4, "別の人", "a@example.org"),
        (5, "翌時間", "a@example.org")]
    assert store.all()[0].received_at == "2027-01-15T08:00:00+00:00"


def test_sqlite_takes_duplicates_limits_and_requests_in_one_step(tmp_path: Path) -> None:
    _behaves(SQLiteStore(tmp_path / "requests.sqlite"))


def test_sqlite_keeps_no_address_and_forgets_clients_after_an_hour(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "requests.sqlite")
    store.add(_submission("一件目"), "n1", "hash-of-client", NOW, 5)
    store.add(_submission("二件目"), "n2", "hash-of-other", NOW + 3601, 5)
    with sqlite3.connect(tmp_path / "requests.sqlite") as db:
        assert db.execute("SELECT client FROM recent").fetchall() == [("hash-of-other",)]
        columns = [row[1] for row in db.execute("PRAGMA table_info(requests)")]
    assert columns == ["reference", "received_at", "what", "why", "contact", "lang", "nonce",
                       "digest"]


def _add_many(path: str, worker: int) -> list[int]:
    store = SQLiteStore(Path(path))
    return [store.add(_submission(f"worker {worker} request {n}"), f"w{worker}n{n}",
                      f"client-{worker}", NOW + n, 1000).reference for n in range(25)]


def test_four_processes_writing_at_once_lose_and_double_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "requests.sqlite")
    SQLiteStore(Path(path)).all()  # create the tables before the race
    with multiprocessing.get_context("fork").Pool(4) as pool:
        references = [r for chunk in pool.starmap(_add_many, [(path, w) for w in range(4)])
                      for r in chunk]
    assert sorted(references) == list(range(1, 101))
    assert len({r.what for r in SQLiteStore(Path(path)).all()}) == 100


def test_an_unwritable_data_directory_is_a_coded_503(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be", encoding="utf-8")
    store = SQLiteStore(blocker / "requests.sqlite")
    assert _code(lambda: store.add(_submission("x"), "n", "c", NOW, 5)) == (
        "request-store-unavailable", 503)
    settings = load_settings({}, data_dir=blocker)
    assert _code(lambda: new_token(settings)) == ("request-store-unavailable", 503)


def test_submit_request_checks_then_stores(tmp_path: Path) -> None:
    settings = load_settings({}, data_dir=tmp_path, requests_per_hour=2)
    token = new_token(settings, NOW)
    assert (tmp_path / "requests.key").stat().st_mode & 0o777 == 0o600
    fields = {"what": "バス停の位置", "why": "", "contact": "", "website": ""}
    taken = submit_request(settings, fields, token, "192.0.2.1", "ja", NOW + 1)
    again = submit_request(settings, fields, token, "192.0.2.1", "ja", NOW + 2)
    assert (again.reference, again.duplicate) == (taken.reference, True)
    assert _code(lambda: submit_request(settings, fields, "1.2.3", "192.0.2.1", "ja",
                                        NOW + 3)) == ("request-token-invalid", 400)
    assert [r.what for r in SQLiteStore(tmp_path / "requests.sqlite").all()] == ["バス停の位置"]


@pytest.mark.redis
def test_redis_takes_duplicates_limits_and_requests_in_one_step(
        redis_server: tuple[subprocess.Popen[bytes], str]) -> None:  # noqa: F811
    _, url = redis_server
    _behaves(RedisStore(url))


@pytest.mark.redis
def test_a_dead_redis_is_a_coded_503(redis_server: tuple[subprocess.Popen[bytes], str]  # noqa: F811
                                     ) -> None:
    process, url = redis_server
    process.terminate()
    process.wait(timeout=10)
    store = RedisStore(url)
    assert _code(lambda: store.add(_submission("x"), "n", "c", NOW, 5)) == (
        "request-store-unavailable", 503)
    assert _code(store.all) == ("request-store-unavailable", 503)



def test_the_configured_redis_is_the_store_else_sqlite_in_the_data_directory(
        tmp_path: Path) -> None:
    from portal.datarequests.store import open_store

    sqlite_store = open_store(load_settings({}, data_dir=tmp_path))
    assert isinstance(sqlite_store, SQLiteStore)
    assert sqlite_store.path == tmp_path / "requests.sqlite"
    assert isinstance(open_store(load_settings({}, redis_url="redis://127.0.0.1:1/0")),
                      RedisStore)
