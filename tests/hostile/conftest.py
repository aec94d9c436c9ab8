"""The portal over the test catalog's build, for requests an attacker would send."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built,
                                    cache_dir=tmp_path_factory.mktemp("cache"),
                                    data_dir=tmp_path_factory.mktemp("data")))


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as client:
        yield client
