"""ckanext-harvest's CKAN harvester, gather stage, replayed against a served catalog of 160
generated datasets.

The loop below follows ckanext/harvest/harvesters/ckanharvester.py (ckan/ckanext-harvest at
1a9a987de869492e37f244c22fa4380091d248e8: ``gather_stage`` and ``_search_for_datasets``):
``package_search`` with ``rows=100``, ``start`` stepped by ``rows``, ``sort=id asc``, the ``fq``
terms joined by a space, a stop on the first empty page, a failure when a page's body equals the
previous one ("The paging doesn't seem to work"), duplicate ids discarded; the organization
include filter ``organization:a OR organization:b`` and exclude filters ``-organization:x``; and
after an error-free job, ``metadata_modified:[<gather_started - 1 h, isoformat>Z TO *]``. Any
non-2xx answer is the harvester's ``SearchError``, after which it fetches everything: a test
failure here.
"""

from __future__ import annotations

import datetime
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from threading import Thread
from urllib.parse import urlencode

import pytest
from werkzeug.serving import make_server

from bench.paging import PORTAL
from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build

COUNT = 160
PUBLISHERS = ("general-affairs", "citizens", "environment", "tourism", "roads")
CHANGED = (3, 41, 99, 100, 101, 158)  # on both sides of the first page's end
ENTRY = """  - id: {id}
    title: {{ja: 収穫テスト{n}, en: Harvest test {n}}}
    description: {{ja: 収穫の再現用に生成したデータ, en: Generated for the harvest replay}}
    publisher: {publisher}
    category: administration
    tags: [収穫]
    license: CC-BY-4.0
    issued: 2023-04-01
    modified: {modified}
    frequency: annual
    source: {{title: {{ja: 生成, en: Generated}}, license: CC0}}
    resources:
      - name: data
        path: datasets/{id}/data.csv
        format: csv
        schema: datasets/{id}/data.schema.json
"""
SCHEMA = {"fields": [{"name": "番号", "type": "integer"}, {"name": "値", "type": "string"}]}


class SearchError(Exception):
    """What the harvester raises, and then falls back to fetching every dataset."""


def dataset_id(n: int) -> str:
    return f"harvest-{n:03d}"


def write_catalog(root: Path, changed: tuple[int, ...] = ()) -> Path:
    entries = []
    for n in range(COUNT):
        folder = root / "datasets" / dataset_id(n)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "data.schema.json").write_text(json.dumps(SCHEMA, ensure_ascii=False),
                                                 encoding="utf-8")
        (folder / "data.csv").write_text(f"番号,値\n1,{n}\n", encoding="utf-8")
        entries.append(ENTRY.format(id=dataset_id(n), n=n,
                                    publisher=PUBLISHERS[n % len(PUBLISHERS)],
                                    modified="2026-12-06" if n in changed else
                                    f"2024-{1 + n % 12:02d}-01"))
    catalog = root / "catalog.yaml"
    catalog.write_text(PORTAL + "".join(entries), encoding="utf-8")
    return catalog


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The generated catalog served on a socket: (base URL, catalog.yaml, build link)."""
    root = tmp_path_factory.mktemp("harvest")
    catalog = write_catalog(root / "catalog")
    out = root / "build"
    assert build(catalog, out).exit_code == 0
    app = create_app(load_settings({}, build_dir=out, cache_dir=root / "cache", redis_url=""))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", catalog, out
    server.shutdown()
    thread.join(timeout=5)


def _get_content(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 (our server)
            return answer.read()  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        raise SearchError(f"{exc.code} {exc.read()[:300]!r} for {url}") from None


def search_for_datasets(base: str, fq_terms: list[str]) -> tuple[list[dict], list[str]]:
    """``_search_for_datasets``: every package of the search, and the URLs it asked."""
    params = {"rows": "100", "start": "0", "sort": "id asc"}
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    pkg_dicts: list[dict] = []
    pkg_ids: set[str] = set()
    previous_content = None
    asked = []
    while True:
        url = f"{base}/api/3/action/package_search?{urlencode(params)}"
        asked.append(url)
        content = _get_content(url)
        if previous_content and content == previous_content:
            raise SearchError(f"The paging doesn't seem to work. URL: {url}")
        previous_content = content
        page = json.loads(content).get("result", {}).get("results", [])
        ids_in_page = {p["id"] for p in page}
        duplicate_ids = ids_in_page & pkg_ids
        page = [p for p in page if p["id"] not in duplicate_ids]
        pkg_ids |= ids_in_page
        pkg_dicts.extend(page)
        if not page:
            break
        params["start"] = str(int(params["start"]) + int(params["rows"]))
    return pkg_dicts, asked


def gather(base: str, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
           last_error_free: datetime.datetime | None = None) -> tuple[list[str], list[str]]:
    """``gather_stage``: the guids of the harvest objects it would create, and the URLs."""
    fq_terms = []
    if include:
        fq_terms.append(" OR ".join(f"organization:{name}" for name in include))
    elif exclude:
        fq_terms.extend(f"-organization:{name}" for name in exclude)
    if last_error_free is not None:
        since = (last_error_free - datetime.timedelta(hours=1)).isoformat()
        fq_terms.append(f"metadata_modified:[{since}Z TO *]")
    pkg_dicts, asked = search_for_datasets(base, fq_terms)
    guids: list[str] = []
    for pkg in pkg_dicts:
        if pkg["id"] not in guids:
            guids.append(pkg["id"])
    return guids, asked


def test_a_full_harvest_finds_every_dataset_once_in_id_order(
        harvested: tuple[str, Path, Path]) -> None:
    base, _, _ = harvested
    guids, asked = gather(base)
    assert guids == [dataset_id(n) for n in range(COUNT)]
    assert [u.split("start=")[1].split("&")[0] for u in asked] == ["0", "100", "200"]


@pytest.mark.parametrize(("include", "exclude", "kept"), [
    (("citizens",), (), {1}),
    (("citizens", "roads"), (), {1, 4}),
    ((), ("general-affairs",), {1, 2, 3, 4}),
    ((), ("general-affairs", "tourism"), {1, 2, 4}),
])
def test_organization_filters_keep_that_organizations_datasets(
        harvested: tuple[str, Path, Path], include: tuple[str, ...],
        exclude: tuple[str, ...], kept: set[int]) -> None:
    base, _, _ = harvested
    guids, _ = gather(base, include=include, exclude=exclude)
    assert guids == [dataset_id(n) for n in range(COUNT) if n % len(PUBLISHERS) in kept]


def test_an_incremental_harvest_finds_only_what_changed_since_the_last_job(
        harvested: tuple[str, Path, Path]) -> None:
    base, catalog, out = harvested
    # The last error-free job started on 5 December at 09:30:15.25 UTC; six datasets change
    # the next day and the catalog is rebuilt and served (the server reads the new build).
    last_job = datetime.datetime(2026, 12, 5, 9, 30, 15, 250000)
    assert f"{(last_job - datetime.timedelta(hours=1)).isoformat()}Z" == \
        "2026-12-05T08:30:15.250000Z"
    nothing, asked = gather(base, last_error_free=last_job)
    assert nothing == [] and len(asked) == 1
    assert "fq=metadata_modified%3A%5B2026-12-05T08%3A30%3A15.250000Z+TO+%2A%5D" in asked[0]
    write_catalog(catalog.parent, changed=CHANGED)
    assert build(catalog, out).exit_code == 0
    changed, _ = gather(base, last_error_free=last_job)
    assert changed == [dataset_id(n) for n in CHANGED]
    in_roads, _ = gather(base, include=("roads", "citizens"), last_error_free=last_job)
    assert in_roads == [dataset_id(n) for n in CHANGED if n % len(PUBLISHERS) in (1, 4)]
    everything, _ = gather(base)
    assert everything == [dataset_id(n) for n in range(COUNT)]
