"""Shared fixtures: the generated test catalog, and a finished build of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from portal.publishing.pipeline import build

DATA = Path(__file__).parent / "data"
TEST_CATALOG = DATA / "catalog"
TODAY = date(2026, 11, 25)


def empty_catalog_at(folder: Path, comment: str = "") -> Path:
    """``folder/catalog.yaml``: the repository's real portal section and no datasets."""
    text = (Path(__file__).resolve().parents[1] / "catalog.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "catalog.yaml"
    path.write_text(text[:text.index("\ndatasets:")] + f"\n{comment}datasets: []\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def test_catalog(tmp_path: Path) -> Path:
    """A private copy of tests/data/catalog; returns its catalog.yaml."""
    target = tmp_path / "catalog"
    shutil.copytree(TEST_CATALOG, target)
    return target / "catalog.yaml"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A finished build of the test catalog (session-wide, read-only); returns the build link."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(TEST_CATALOG, root / "catalog")
    out = root / "build"
    result = build(root / "catalog" / "catalog.yaml", out, today=TODAY)
    assert result.exit_code == 0, result.report.to_dict()
    yield out


@pytest.fixture(scope="session")
def built_with_uses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the test catalog plus generated ``requests:`` and ``uses:`` examples."""
    from tests.community_examples import build_with_examples

    return build_with_examples(TEST_CATALOG, tmp_path_factory.mktemp("community"), TODAY)
