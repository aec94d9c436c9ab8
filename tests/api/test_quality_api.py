"""A dataset's quality in /api/v1 (detail, search results, the ``quality`` facet) and in
CKAN ``extras`` as ckanapi reads them (rules: tests/test_quality.py)."""

from __future__ import annotations

import ckanapi
from flask.testing import FlaskClient

# The test catalog built on 2026-11-25: facilities.csv is CP932 (one warning), annual, last
# modified 2025-04-01; population is clean, monthly, last modified 2025-10-01, and one of its
# two tables has no primary key.
FACILITIES = {
    "as_of": "2026-11-25",
    "stars": 4,
    "machine_readable": {"state": "warnings", "errors": 0,
                         "warnings": [{"code": "encoding-cp932", "count": 1}]},
    "freshness": {"state": "late", "due": "2026-04-01", "days_late": 238},
    "standard": None,
    "english_description": True,
    "labels": ["stars-4", "warnings", "late", "english"],
    "next_steps": [
        {"code": "quality-warnings",
         "params": {"entry": "generated-facilities", "count": 1, "codes": "encoding-cp932"},
         "message": {"ja": "generated-facilities: 機械可読性の警告が 1 件あります(encoding-cp932)。",
                     "en": "generated-facilities: machine-readability warnings: 1 "
                           "(encoding-cp932)."},
         "fix": {"ja": "portal validate generated-facilities の警告を直してください"
                       "(直すまでも公開は続きます)。",
                 "en": "Fix the warnings portal validate generated-facilities lists (the "
                       "dataset stays published meanwhile)."}},
        {"code": "quality-late",
         "params": {"entry": "generated-facilities", "days": 238, "due": "2026-04-01"},
         "message": {"ja": "generated-facilities: 更新が 238 日遅れています(更新予定日 2026-04-01)。",
                     "en": "generated-facilities: the update is 238 days late (it was due on "
                           "2026-04-01)."},
         "fix": {"ja": "データを更新し、catalog.yaml の modified を更新日にしてください。",
                 "en": "Update the data and set `modified` in catalog.yaml to the day of the "
                       "update."}},
    ],
}


def test_the_dataset_json_carries_its_quality(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets/generated-facilities").get_json()
    assert body["quality"] == FACILITIES


def test_search_results_carry_the_quality_and_facet_it(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets").get_json()
    assert {d["id"]: d["quality"]["labels"] for d in body["datasets"]} == {
        "generated-facilities": ["stars-4", "warnings", "late", "english"],
        "generated-population": ["stars-3", "no-warnings", "late", "english"]}
    assert body["facets"]["quality"] == [
        {"value": "english", "count": 2}, {"value": "late", "count": 2},
        {"value": "no-warnings", "count": 1}, {"value": "stars-3", "count": 1},
        {"value": "stars-4", "count": 1}, {"value": "warnings", "count": 1}]
    chosen = client.get("/api/v1/datasets?quality=no-warnings").get_json()
    assert [d["id"] for d in chosen["datasets"]] == ["generated-population"]


def test_ckan_extras_carry_the_quality(live_url: str) -> None:
    remote = ckanapi.RemoteCKAN(live_url, user_agent="kanuma-portal-tests/1")
    package = remote.action.package_show(id="generated-facilities")
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert {k: v for k, v in extras.items() if k.startswith("quality_")} == {
        "quality_stars": "4", "quality_machine_readable": "warnings", "quality_warnings": "1",
        "quality_freshness": "late", "quality_days_late": "238",
        "quality_standard_layout": "", "quality_english_description": "true",
        "quality_as_of": "2026-11-25"}
