from pathlib import Path

import pytest
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings


@pytest.fixture(scope="session")
def client(built: Path, tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    settings = load_settings({}, build_dir=built,
                             cache_dir=tmp_path_factory.mktemp("cache"))
    return create_app(settings).test_client()
