"""The map section the server sends: its text alternative with the page, its layer only when
drawn; on the test catalog's generated facilities (a table with 緯度/経度)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dash
import pytest
from flask import Flask

from portal.app import create_app
from portal.config import load_settings
from portal.web import ids

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("c")))


@pytest.fixture
def page(app: Flask) -> Iterator[Any]:
    # The registered module, as Dash loaded it: importing it again would register it twice.
    entry = next(p for p in dash.page_registry.values()
                 if p["path_template"] == "/datasets/<dataset_id>")
    with app.test_request_context("/datasets/generated-facilities"):
        yield entry


def _find(tree: Any, component_id: Any) -> Any:
    if getattr(tree, "id", None) == component_id:
        return tree
    children = getattr(tree, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def test_the_page_has_the_maps_text_alternative_and_an_empty_slot(page: Any) -> None:
    tree = page["layout"](dataset_id="generated-facilities")
    summary = _find(tree, ids.MAP_SUMMARY)
    assert summary is not None
    assert summary.children.children == (
        "60 地点、範囲 北緯 36.5510°〜36.6100°、東経 139.7210°〜139.7800°。")
    slot = _find(tree, {"type": ids.LAZY_FIGURE, "kind": "map"})
    assert slot is not None and slot.children is None
    store = _find(tree, ids.FIGURES)
    assert store.data["map"] == {"id": ids.MAP, "dataset": "generated-facilities",
                                 "title": "生成された施設一覧(テスト用)"}
    links = _find(tree, ids.MAP_LINKS)
    assert [(a.children, a.href) for a in links.children if not isinstance(a, str)] == [
        ("表で見る", "#preview-table"),
        ("GeoJSON", "http://localhost/datasets/generated-facilities.geojson")]
    text = str(tree)
    # The features travel only when the map is drawn.
    assert "data-map" not in text


def test_drawing_sends_the_layer_tiles_labels_and_scripts(page: Any) -> None:
    import sys

    # The module as Dash loaded it: importing it again would register its page twice.
    module = next(m for name, m in sys.modules.items() if name.endswith("pages.dataset"))
    draw_figures = module.draw_figures
    store = _find(page["layout"](dataset_id="generated-facilities"), ids.FIGURES).data
    slots = [{"type": ids.LAZY_FIGURE, "kind": kind} for kind in store]
    drawn = dict(zip(store, draw_figures(True, slots, store), strict=True))
    view = drawn["map"]
    assert view.id == ids.MAP
    # The layer rides on the inner element, which the table's filters may update.
    attributes = view.children.to_plotly_json()["props"]
    assert attributes["id"] == {"type": ids.MAP_LAYER, "kind": "map"}
    layer = json.loads(attributes["data-map"])
    assert (layer["type"], layer["count"], layer["clustered"]) == ("FeatureCollection", 60, False)
    assert all(f["geometry"]["type"] == "Point" for f in layer["features"])
    assert attributes["data-map-tiles"] == (
        "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png")
    assert json.loads(attributes["data-map-labels"])["cluster"] == (
        "この付近に {n} 地点。拡大すると個別に表示します。")
    # Leaflet named by its version, the portal's map script by its content.
    digest = hashlib.sha256((ROOT / "portal/web/ondemand/map.js").read_bytes()).hexdigest()[:12]
    assert json.loads(attributes["data-map-scripts"]) == [
        "/assets/on-demand/leaflet.css?v=1.9.4", "/assets/on-demand/leaflet.js?v=1.9.4",
        f"/assets/on-demand/map.js?v={digest}"]
    canvas = view.children.children.to_plotly_json()["props"]
    assert canvas["aria-label"] == "生成された施設一覧(テスト用)の地図"


def test_the_on_demand_files_are_served_and_nothing_else_there(app: Flask) -> None:
    client = app.test_client()
    script = client.get("/assets/on-demand/leaflet.js?v=1.9.4")
    assert script.status_code == 200 and script.mimetype == "application/javascript"
    assert b"Leaflet 1.9.4" in script.get_data()[:200]
    assert client.get("/assets/on-demand/map.js").status_code == 200
    assert client.get("/assets/on-demand/leaflet.css").mimetype == "text/css"
    assert client.get("/assets/on-demand/plotly-basic.min.js").status_code == 404
    assert client.get("/assets/on-demand/..%2Fstatic.py").status_code == 404
