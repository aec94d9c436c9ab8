"""The served test build (as in tests/api) and a build of the geographic test catalog."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from tests.api.conftest import app, client, live_url
from tests.conftest import DATA, TODAY

__all__ = ["app", "client", "live_url"]

GEO = DATA / "geo"
GEO_CATALOG = GEO / "catalog"


@pytest.fixture(scope="session")
def geo_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A finished build of tests/data/geo/catalog (read-only); returns the build link."""
    root = tmp_path_factory.mktemp("geo-built")
    shutil.copytree(GEO_CATALOG, root / "catalog")
    out = root / "build"
    result = build(root / "catalog" / "catalog.yaml", out, today=TODAY)
    assert result.exit_code == 0, result.report.to_dict()
    yield out


@pytest.fixture(scope="session")
def geo_client(geo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    settings = load_settings({}, build_dir=geo_built,
                             cache_dir=tmp_path_factory.mktemp("geo-cache"))
    return create_app(settings).test_client()
