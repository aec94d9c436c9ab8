"""Cursors across builds (issue #22): a cursor outlives a rebuild that left its table alone,
and is refused (400 bad-cursor) once the table changed."""

from __future__ import annotations

from pathlib import Path

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from tests.conftest import TODAY

FACILITIES = "/api/v1/datasets/generated-facilities/rows?_size=7&_sort=定員"
AREAS = "/api/v1/datasets/generated-population/rows?_resource=areas&_size=2"


def _rows(client: object, url: str) -> tuple[int, dict]:
    response = client.get(url)  # type: ignore[attr-defined]
    return response.status_code, response.get_json()


def test_a_cursor_outlives_builds_that_left_its_table_alone(test_catalog: Path,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert build(test_catalog, out, today=TODAY).exit_code == 0
    app = create_app(load_settings({}, build_dir=out, cache_dir=tmp_path / "cache",
                                   redis_url=""))
    client = app.test_client()
    store = app.extensions["portal.store"]
    first = client.get(FACILITIES).get_json()
    second_page = client.get(first["next_url"]).get_json()
    areas = client.get(AREAS).get_json()
    built = [store.get().build_id]
    for force in (False, False, True):  # rebuilds with no change, the last from scratch
        assert build(test_catalog, out, force=force, today=TODAY).exit_code == 0
        built.append(store.get().build_id)
        assert _rows(client, first["next_url"]) == (200, second_page)
    assert len(set(built)) == 4  # four builds, one cursor

    # The facilities table changes; the population dataset does not.
    csv = test_catalog.parent / "datasets/generated-facilities/facilities.csv"
    csv.write_bytes(_one_more_row(csv.read_bytes()))
    assert build(test_catalog, out, today=TODAY).exit_code == 0
    status, body = _rows(client, first["next_url"])
    assert (status, body["error"]["code"], body["error"]["parameter"]) == \
        (400, "bad-cursor", "_next")
    assert _rows(client, areas["next_url"])[0] == 200


def _one_more_row(data: bytes) -> bytes:
    """The facilities CSV (CP932) with its last row repeated under a new ID."""
    text = data.decode("cp932")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.rstrip("\r\n").split(newline)
    last = lines[-1].split(",")
    last[0] = str(int(last[0]) + 1000)
    return (newline.join([*lines, ",".join(last)]) + newline).encode("cp932")
