"""A standard dataset as aggregators recognise it: the 自治体標準ODS tag and the standard's
name in CKAN and DCAT, and a warning when its licence keeps it out of their harvest."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import rdflib
from flask.testing import FlaskClient
from rdflib.namespace import DCAT

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from portal.validate.engine import validate_catalog

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 1)
SITES = "kanuma-evacuation-sites"


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    return root / "catalog.yaml"


@pytest.fixture(scope="module")
def real_client(real: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    out = tmp_path_factory.mktemp("out") / "build"
    assert build(real, out, today=TODAY).exit_code == 0
    yield create_app(load_settings({}, build_dir=out,
                                   cache_dir=tmp_path_factory.mktemp("cache"))).test_client()


def test_ckan_tags_a_standard_dataset_as_aggregators_look_for_it(
        real_client: FlaskClient) -> None:
    package = real_client.get(f"/api/3/action/package_show?id={SITES}").get_json()["result"]
    tags = [t["name"] for t in package["tags"]]
    assert tags[-2:] == ["自治体標準ODS", "指定緊急避難場所一覧"]
    plain = real_client.get("/api/3/action/package_show?id=dx-glossary").get_json()["result"]
    assert "自治体標準ODS" not in [t["name"] for t in plain["tags"]]


def test_dcat_keywords_carry_the_same_tags(real_client: FlaskClient) -> None:
    graph = rdflib.Graph().parse(data=real_client.get("/catalog.jsonld").data,
                                 format="json-ld")
    page = rdflib.URIRef(f"http://localhost/datasets/{SITES}")
    keywords = {str(k) for k in graph.objects(page, DCAT.keyword)}
    assert {"自治体標準ODS", "指定緊急避難場所一覧"} <= keywords


def test_a_standard_dataset_under_a_licence_aggregators_refuse_is_warned(real: Path,
                                                                         tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yaml"
    shutil.copytree(real.parent / "datasets", tmp_path / "datasets")
    text = real.read_text(encoding="utf-8")
    start = text.index(f"  - id: {SITES}\n")
    entry = text[start:].split("\n  - id:")[0]
    catalog.write_text(text.replace(entry, entry.replace("license: CC-BY-4.0",
                                                         "license: ODbL-1.0", 1)),
                       encoding="utf-8")
    report = validate_catalog(catalog, ids=[SITES], today=TODAY)
    warned = [(f.code, f.params.get("license")) for d in report.datasets for f in d.findings
              if not f.is_error]
    assert ("standard-license-not-harvested", "ODbL-1.0") in warned
    assert report.valid  # a warning: the dataset is still published
