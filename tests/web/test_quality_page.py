"""/quality is served in both languages with its own title; the badge labels of the search
facet exist in both (the page itself: tests/browser/test_quality.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from portal.app import create_app
from portal.config import load_settings
from portal.web.components.quality import quality_badges, quality_label


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("c")))


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("/quality", "ja", "データ品質(部署別) — 鹿沼市オープンデータ"),
    ("/en/quality", "en", "Data quality by department — Kanuma City Open Data"),
])
def test_the_quality_page_has_its_title_in_each_language(app: Flask, path: str, lang: str,
                                                         title: str) -> None:
    response = app.test_client().get(path)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<html lang="([a-z]+)">', body).group(1) == lang  # type: ignore[union-attr]
    assert re.search(r"<title>(.*?)</title>", body).group(1) == title  # type: ignore[union-attr]


@pytest.mark.parametrize("label", [
    *(f"stars-{n}" for n in range(6)), "no-warnings", "warnings", "errors-in-latest",
    "on-time", "late", "no-frequency", "standard", "standard-complete", "english"])
def test_every_label_of_the_quality_facet_reads_as_words(label: str) -> None:
    assert quality_label(label, "ja") != label and quality_label(label, "en") != label


def test_a_dataset_no_build_assessed_has_no_badges() -> None:
    assert quality_badges(None, "ja") is None
