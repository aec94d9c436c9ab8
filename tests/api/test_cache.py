"""The response cache: keyed by build and query string, in a real Redis, and never a cause of
errors when Redis goes away."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from portal.api import cache as cache_module
from portal.app import create_app
from portal.config import load_settings

REDIS_SERVER = "/usr/bin/redis-server"
# A shared cache is used only under a configured base URL (portal/api/cache.py).
BASE = "https://opendata.example.jp"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_server() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    if shutil.which(REDIS_SERVER) is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield process, url
    process.kill()
    process.wait(timeout=10)


@pytest.mark.redis
def test_redis_serves_cached_answers_and_its_loss_is_not_an_error(
        built: Path, tmp_path: Path,
        redis_server: tuple[subprocess.Popen[bytes], str]) -> None:
    process, url = redis_server
    app = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path, redis_url=url,
                                   base_url=BASE))
    client = app.test_client()
    answers = [client.get("/api/v1/datasets?q=人口") for _ in range(3)]
    other = client.get("/api/v1/datasets?q=施設")
    # Written when asked the second time, read from the third: a query asked once is not
    # worth a write.
    assert [a.headers["X-Cache"] for a in [*answers, other]] == ["miss", "miss", "hit", "miss"]
    first = answers[0]
    assert answers[2].get_json() == first.get_json()
    build_id = client.get("/healthz").get_json()["build_id"]
    keys = sorted(k.decode() for k in redis.Redis.from_url(url).keys("portal:*"))
    assert keys == [f"portal:{build_id}:{BASE}:GET:/api/v1/datasets?q=人口"]

    process.kill()
    process.wait(timeout=10)
    after = client.get("/api/v1/datasets?q=人口")
    assert after.status_code == 200 and after.headers["X-Cache"] == "miss"
    assert after.get_json() == first.get_json()
    assert client.get("/api/v1/datasets/generated-population/rows?_size=1").status_code == 200


def test_file_cache_keys_on_the_whole_query_string(built: Path, tmp_path: Path) -> None:
    # An app of its own: whether a write pays off is judged on the writes made before, and
    # a fresh app always makes its first one.
    client = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path)).test_client()
    assert client.get("/api/v1/stats?x=1").headers["X-Cache"] == "miss"
    assert client.get("/api/v1/stats?x=1").headers["X-Cache"] == "miss"  # written now
    assert client.get("/api/v1/stats?x=1").headers["X-Cache"] == "hit"
    assert client.get("/api/v1/stats?x=2").headers["X-Cache"] == "miss"
    # Errors are never cached: a fixed build could otherwise keep answering 404.
    assert client.get("/api/v1/datasets/nope").status_code == 404
    assert client.get("/api/v1/datasets/nope").headers.get("X-Cache") is None


@pytest.mark.redis
def test_a_hung_redis_costs_one_timeout_then_is_left_alone(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        redis_server: tuple[subprocess.Popen[bytes], str]) -> None:
    process, url = redis_server
    app = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path, redis_url=url,
                                   base_url=BASE))
    client = app.test_client()
    assert client.get("/api/v1/stats").headers["X-Cache"] == "miss"
    process.send_signal(signal.SIGSTOP)  # accepts connections, never answers
    try:
        started = time.monotonic()
        first = client.get("/api/v1/stats")
        first_took = time.monotonic() - started
        started = time.monotonic()
        rest = [client.get(f"/api/v1/stats?n={n}") for n in range(20)]
        rest_took = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGCONT)
    assert first.status_code == 200 and first.headers["X-Cache"] == "miss"
    assert 0.9 < first_took < 3  # the one socket timeout (1 s)
    assert {r.status_code for r in rest} == {200}
    assert rest_took < 1.0  # left alone: no timeout per request
    # Once the pause is over the cache is used again.
    monkeypatch.setattr(cache_module, "RETRY_AFTER", 0.0)
    app.extensions["portal.cache_breaker"].skip_until = 0.0
    assert client.get("/api/v1/stats?again").headers["X-Cache"] == "miss"
    assert client.get("/api/v1/stats?again").headers["X-Cache"] == "miss"  # written now
    assert client.get("/api/v1/stats?again").headers["X-Cache"] == "hit"


@pytest.mark.redis
def test_a_flapping_redis_never_fails_a_request(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        redis_server: tuple[subprocess.Popen[bytes], str]) -> None:
    process, url = redis_server
    port = url.rsplit(":", 1)[1].split("/")[0]
    monkeypatch.setattr(cache_module, "RETRY_AFTER", 0.05)
    app = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path, redis_url=url,
                                   base_url=BASE))
    statuses: list[int] = []
    stop = threading.Event()

    def ask() -> None:
        client = app.test_client()
        n = 0
        while not stop.is_set():
            n += 1
            statuses.append(client.get(f"/api/v1/datasets?q=人口&n={n % 7}").status_code)

    workers = [threading.Thread(target=ask) for _ in range(4)]
    for worker in workers:
        worker.start()
    for _ in range(5):  # down and up again, five times, while requests keep coming
        time.sleep(0.2)
        process.kill()
        process.wait(timeout=10)
        time.sleep(0.2)
        process = subprocess.Popen([REDIS_SERVER, "--port", port, "--bind", "127.0.0.1",
                                    "--save", "", "--appendonly", "no"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    process.kill()
    process.wait(timeout=10)
    assert len(statuses) > 50 and set(statuses) == {200}


def test_a_rows_query_asked_once_is_neither_read_nor_written(built: Path,
                                                             tmp_path: Path) -> None:
    app = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path / "c"))
    client = app.test_client()
    url = "/api/v1/datasets/generated-facilities/rows?ID__gte=3&_size=2"
    before = sorted((tmp_path / "c").iterdir())
    for n in range(1, 40):
        assert client.get(f"{url}&定員__gte={n}").headers["X-Cache"] == "miss"
    assert sorted((tmp_path / "c").iterdir()) == before
    answers = [client.get(url) for _ in range(3)]
    assert [a.headers["X-Cache"] for a in answers] == ["miss", "miss", "hit"]
    assert answers[2].get_json() == answers[0].get_json()


def test_an_answer_cheaper_than_a_cache_write_is_not_written(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path / "c"))
    client = app.test_client()
    costs = app.extensions["portal.cache_costs"]
    costs.write = 60.0  # as if a write had cost a minute lately
    monkeypatch.setattr(cache_module, "REMEASURE", 3)
    url = "/api/v1/datasets/generated-facilities/rows?ID__gte=7&_size=2"
    # Asked again (so worth caching) but cheaper than a write: written only when the cost is
    # measured again (every REMEASURE-th skipped write), which brings the estimate down.
    assert [client.get(url).headers["X-Cache"] for _ in range(5)] == [
        "miss", "miss", "miss", "miss", "hit"]
    assert costs.write < 60.0 * 0.8 + 1
