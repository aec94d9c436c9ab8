"""Places on the real catalog: the map of a filter, distances, towns resolved, and the
columns a table holds constant."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.publishing.pipeline import build
from portal.query.maps import follows_filters, map_layer
from portal.query.near import Point, by_distance, distance_m, nearest
from portal.query.places import parse_position, resolve_place
from portal.query.rows import RowsQuery, parse_query
from portal.store.current import Build, load_build

ROOT = Path(__file__).resolve().parents[2]
SHELTERS = "kanuma-evacuation-shelters"
TOWNS = "kanuma-town-points"
IMAMIYA = Point(36.566563, 139.74414)  # 今宮町 in datasets/kanuma-town-points/town-points.csv


@pytest.fixture(scope="module")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    root = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    yield load_build((root / "build").resolve())


def test_the_map_of_a_filter_has_only_the_rows_it_keeps(real_build: Build) -> None:
    resource = real_build.require(SHELTERS).primary
    query = parse_query([("受入対象者__contains", "要配慮者")], resource.schema, SHELTERS)
    layer = map_layer(real_build, SHELTERS, query.filters)
    assert layer is not None and follows_filters(resource)
    assert layer["count"] == 12
    assert {f["properties"]["受入対象者"] for f in layer["features"]} == {"要配慮者"}
    assert map_layer(real_build, SHELTERS)["count"] == 58  # type: ignore[index]


def test_a_filter_that_keeps_nothing_is_an_empty_layer(real_build: Build) -> None:
    resource = real_build.require(SHELTERS).primary
    query = parse_query([("名称__exact", "ない")], resource.schema, SHELTERS)
    layer = map_layer(real_build, SHELTERS, query.filters)
    assert layer is not None
    assert (layer["count"], layer["bbox"], layer["features"]) == (0, None, [])


def test_distance_is_the_great_circle_in_metres() -> None:
    assert distance_m(IMAMIYA, IMAMIYA) == 0
    # One degree of latitude is 111.2 km on the mean sphere.
    assert round(distance_m(Point(36, 139), Point(37, 139))) == 111_195


def test_rows_without_a_position_are_left_out_of_the_order() -> None:
    rows = [{"名称": "遠い", "緯度": 36.6, "経度": 139.8}, {"名称": "不明", "緯度": 0, "経度": 0},
            {"名称": "空", "緯度": None, "経度": None},
            {"名称": "近い", "緯度": 36.5666, "経度": 139.7441}]
    assert [n.row["名称"] for n in by_distance(rows, IMAMIYA)] == ["近い", "遠い"]


def test_nearest_shelters_of_imamiya_are_those_of_the_file_by_distance(
        real_build: Build) -> None:
    resource = real_build.require(SHELTERS).primary
    database = resource.file("sqlite")
    assert database is not None
    found = nearest(real_build.path(database.path), resource.schema, RowsQuery(), IMAMIYA, 3)
    # 情報センター is listed twice in the file: for everyone, and for people needing care.
    assert [(n.row["名称"], round(n.metres), n.row["受入対象者"]) for n in found] == [
        ("中央小学校", 199, None), ("情報センター", 749, None),
        ("情報センター", 749, "要配慮者")]
    metres = [n.metres for n in nearest(real_build.path(database.path), resource.schema,
                                        RowsQuery(), IMAMIYA, 58)]
    assert len(metres) == 58 and metres == sorted(metres)


def test_nearest_applies_the_tables_filters(real_build: Build) -> None:
    resource = real_build.require(SHELTERS).primary
    database = resource.file("sqlite")
    assert database is not None
    query = parse_query([("受入対象者__contains", "要配慮者")], resource.schema, SHELTERS)
    found = nearest(real_build.path(database.path), resource.schema, query, IMAMIYA, 20)
    assert len(found) == 12 and {n.row["受入対象者"] for n in found} == {"要配慮者"}


@pytest.mark.parametrize(("text", "name"), [
    ("今宮町", "今宮町"), (" 今宮町 ", "今宮町"), ("栃木県鹿沼市今宮町1688-1", "今宮町"),
    ("鹿沼市今宮町", "今宮町"), ("麻苧町", "麻苧町"),
])
def test_a_town_or_an_address_resolves_to_the_towns_point(real_build: Build, text: str,
                                                          name: str) -> None:
    place = resolve_place(real_build, TOWNS, text)
    assert place is not None and place.name == name
    if name == "今宮町":
        assert place.point == IMAMIYA


@pytest.mark.parametrize("text", ["どこか", "", "鹿沼市", "x" * 101])
def test_what_names_no_town_resolves_to_nothing(real_build: Build, text: str) -> None:
    assert resolve_place(real_build, TOWNS, text) is None


def test_a_position_from_the_browser_is_its_own_place(real_build: Build) -> None:
    place = resolve_place(real_build, TOWNS, "36.5666,139.7441")
    assert place is not None and (place.name, place.point) == ("", Point(36.5666, 139.7441))
    assert parse_position("91,139") is None and parse_position("36.5,181") is None
    assert parse_position("36.5;139.7") is None


def test_the_build_records_the_columns_with_one_value(real_build: Build) -> None:
    constant = real_build.require(SHELTERS).primary.constant or {}
    assert constant["全国地方公共団体コード"] == "092053"
    assert constant["名称_カナ"] == ""
    assert "名称" not in constant and "受入対象者" not in constant
    assert len(constant) == 27
