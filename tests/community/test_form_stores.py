"""The form's callback on a server whose store is the configured Redis: requests land there,
limited per client; a honeypot and a forged token are refused before anything is kept."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from portal.app import create_app
from portal.config import load_settings
from portal.datarequests.store import RedisStore
from portal.datarequests.tokens import issue_token
from tests.api.test_cache import redis_server  # noqa: F401 (fixture)
from tests.community_examples import answer_code, form_callback_body

SECRET = "generated-test-secret"


@pytest.mark.redis
def test_with_redis_configured_the_form_stores_there(
        built_with_uses: Path, tmp_path: Path,
        redis_server: tuple[subprocess.Popen[bytes], str]) -> None:  # noqa: F811
    _, url = redis_server
    app = create_app(load_settings({}, build_dir=built_with_uses, cache_dir=tmp_path / "c",
                                   data_dir=tmp_path / "data", redis_url=url,
                                   requests_secret=SECRET, requests_per_hour=2))
    client = app.test_client()

    def send(what: str, **fields: str) -> str:
        token = fields.pop("token", issue_token(SECRET.encode(), time.time()))
        response = client.post("/_dash-update-component",
                               json=form_callback_body(token, what, **fields),
                               headers={"Referer": "http://localhost/requests/new"})
        assert response.status_code == 200, response.get_data(as_text=True)
        return answer_code(response.get_json())

    assert send("bot", website="http://spam.example") == "request-rejected"
    assert send("forged", token="1.2.3") == "request-token-invalid"
    assert [send("一件目"), send("二件目"), send("三件目")] == [
        "request-accepted", "request-accepted", "request-rate-limited"]
    assert [r.what for r in RedisStore(url).all()] == ["一件目", "二件目"]
    assert not (tmp_path / "data" / "requests.sqlite").exists()
