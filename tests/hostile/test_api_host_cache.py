"""The response cache and a client's ``Host``: an answer built for one host is never served
to a client that sent another, and a shared cache is not used without a fixed base URL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import redis

from portal.app import create_app
from portal.config import load_settings
from tests.api.test_cache import redis_server  # noqa: F401  (fixture)

EVIL = "evil.example"
CACHED = ["/datapackage.json?a=1", "/catalog.jsonld", "/feed.atom",
          "/api/v1/datasets/generated-population",
          "/api/v1/datasets/generated-population/rows?_size=1"]


def _poison(client: object, path: str) -> None:
    for _ in range(12):
        client.get(path, headers={"Host": EVIL})  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", CACHED)
def test_answers_for_another_host_never_reach_a_normal_client(built: Path, tmp_path: Path,
                                                              path: str) -> None:
    client = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path)).test_client()
    _poison(client, path)
    poisoned = client.get(path, headers={"Host": EVIL})
    assert EVIL in poisoned.get_data(as_text=True)  # the attacker sees their own host …
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["X-Cache"] == "miss"
    assert EVIL not in answer.get_data(as_text=True)  # … and nobody else does
    assert "http://localhost" in answer.get_data(as_text=True)


def test_the_configured_base_url_is_used_whatever_host_is_sent(built: Path,
                                                               tmp_path: Path) -> None:
    client = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path,
                                      base_url="https://opendata.example.jp")).test_client()
    _poison(client, "/datapackage.json")
    answer = client.get("/datapackage.json")
    assert answer.headers["X-Cache"] == "hit"
    body = answer.get_data(as_text=True)
    assert EVIL not in body and "https://opendata.example.jp/datasets/" in body


@pytest.mark.redis
def test_a_shared_cache_without_a_base_url_is_not_used(
        built: Path, tmp_path: Path,
        redis_server: tuple[subprocess.Popen[bytes], str]) -> None:  # noqa: F811
    _, url = redis_server
    client = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path,
                                      redis_url=url)).test_client()
    _poison(client, "/datapackage.json")
    answer = client.get("/datapackage.json")
    assert answer.headers["X-Cache"] == "off"
    assert EVIL not in answer.get_data(as_text=True)
    assert redis.Redis.from_url(url).keys("portal:*") == []
