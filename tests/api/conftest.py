from collections.abc import Iterator
from pathlib import Path
from threading import Thread

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings


@pytest.fixture(scope="session")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    settings = load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("cache"),
                             data_dir=tmp_path_factory.mktemp("data"))
    return create_app(settings)


@pytest.fixture(scope="session")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def live_url(app: Flask) -> Iterator[str]:
    """The app on a real socket (127.0.0.1, a free port) for HTTP clients such as ckanapi."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
