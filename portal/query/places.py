"""Where "near a place" starts from: a town name (大字・町丁目) or an address resolved with the
town-points dataset (PORTAL_TOWN_POINTS), or a position the browser gave ("36.56,139.74")."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from portal.query.near import Point
from portal.query.rows import MAX_SIZE, RowsQuery, fetch_rows
from portal.store.current import Build

NAME = "大字町丁目名"
MAX_PLACE_LENGTH = 100
# What an address may start with before the town: the prefecture and the city.
PREFIXES = ("栃木県", "鹿沼市")
POSITION = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Place:
    name: str  # the town's name, or "" for a position the browser gave
    point: Point


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_position(text: str) -> Point | None:
    """``"lat,lon"`` in degrees, when it is one and on the earth; else None."""
    match = POSITION.match(text)
    if match is None:
        return None
    latitude, longitude = float(match.group(1)), float(match.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Point(latitude, longitude)


_lock = threading.Lock()
_towns: dict[tuple[str, str], tuple[Place, ...]] = {}


def towns(build: Build, dataset_id: str) -> tuple[Place, ...]:
    """The towns of ``dataset_id`` with a position, read once per build."""
    key = (build.build_id, dataset_id)
    found = _towns.get(key)
    if found is not None:
        return found
    dataset = build.dataset(dataset_id)
    database = dataset.primary.file("sqlite") if dataset is not None else None
    places: list[Place] = []
    if dataset is not None and database is not None and NAME in dataset.primary.field_names:
        rows = fetch_rows(build.path(database.path), dataset.primary.schema,
                          RowsQuery(size=MAX_SIZE, columns=(NAME, "緯度", "経度"))).rows
        places = [Place(str(r[NAME]), Point(float(r["緯度"]), float(r["経度"]))) for r in rows
                  if r.get(NAME) and isinstance(r.get("緯度"), (int, float))
                  and isinstance(r.get("経度"), (int, float))]
    with _lock:
        _towns.clear()  # one build at a time
        _towns[key] = tuple(places)
    return _towns[key]


def resolve_place(build: Build, dataset_id: str, text: str) -> Place | None:
    """The place ``text`` names: a position; a town's name as written; an address that
    contains a town's name (the longest, so 今宮町 wins over 今宮); else the one town whose
    name starts with ``text``. None when nothing, or more than one town, fits."""
    if len(text) > MAX_PLACE_LENGTH:
        return None
    point = parse_position(text)
    if point is not None:
        return Place("", point)
    wanted = _fold(text)
    for prefix in PREFIXES:
        wanted = wanted.removeprefix(prefix)
    if not wanted:
        return None
    known = towns(build, dataset_id)
    exact = [p for p in known if _fold(p.name) == wanted]
    if exact:
        return exact[0]
    inside = sorted((p for p in known if _fold(p.name) in wanted),
                    key=lambda p: -len(p.name))
    if inside:
        return inside[0]
    starting = [p for p in known if _fold(p.name).startswith(wanted)]
    return starting[0] if len(starting) == 1 else None
