"""The dataset page's map: a slot drawn with Leaflet on 地理院タイル when scrolled to, and a text
alternative (what and where, with links to the same data as a table and as GeoJSON)."""

from __future__ import annotations

import json
from typing import Any

from dash import html

from portal.web import ids
from portal.web.i18n import fmt_number, t
from portal.web.static import map_scripts

HEIGHT = "360px"


def map_summary(layer: dict[str, Any], language: str, filtered: bool = False) -> str:
    """What and where, in words; ``filtered``: the layer holds only the rows the table's
    filters keep."""
    if layer["bbox"] is None:
        return t("map-summary-empty", language)
    west, south, east, north = (f"{v:.4f}" for v in layer["bbox"])
    text = t("map-summary", language, n=fmt_number(layer["count"], language), south=south,
             north=north, west=west, east=east)
    if filtered:
        text += " " + t("map-filtered", language)
    if layer["clustered"]:
        text += " " + t("map-clustered", language)
    if layer["simplified"] is not None:
        text += " " + t("map-simplified", language)
    return text


def map_alternative(layer: dict[str, Any], table_href: str, geojson_href: str | None,
                    language: str, filtered: bool = False) -> html.Div:
    """Read by everyone, and what a screen reader gets instead of the drawing. Its summary
    follows the table's filters (portal.web.components.places)."""
    links: list[Any] = [t("map-links", language), " ",
                        html.A(t("map-table", language), href=table_href)]
    if geojson_href:
        links += [" / ", html.A(t("map-geojson", language), href=geojson_href)]
    return html.Div([html.P(html.Span(map_summary(layer, language, filtered),
                                      id={"type": ids.MAP_SUMMARY_TEXT, "kind": "map"}),
                            id=ids.MAP_SUMMARY, className="mb-1", **{"aria-live": "polite"}),
                     html.P(links, id=ids.MAP_LINKS, className="small")],
                    className="map-alternative")


def map_view(layer: dict[str, Any], title: str, tiles: str, language: str) -> html.Div:
    """The slot Leaflet draws into (ondemand/map.js): the layer and labels ride along as data
    attributes; screen readers get the text alternative beside it (map_alternative)."""
    labels = {"cluster": t("map-cluster", language), "zoomIn": t("map-zoom-in", language),
              "zoomOut": t("map-zoom-out", language)}
    # The layer rides on an inner element with a pattern id, so the table's filters can
    # replace it once the map is drawn (portal.web.components.places); map.js redraws then.
    return html.Div(html.Div(
        html.Div(className="map-canvas", style={"height": HEIGHT, "width": "100%"},
                 role="region", **{"aria-label": t("map-label", language, title=title)}),
        id={"type": ids.MAP_LAYER, "kind": "map"},
        **{"data-map": map_data(layer),
           "data-map-labels": json.dumps(labels, ensure_ascii=False),
           "data-map-tiles": tiles,
           "data-map-scripts": json.dumps(map_scripts())}), id=ids.MAP, className="dataset-map mb-3")


def map_data(layer: dict[str, Any]) -> str:
    """A layer as the ``data-map`` attribute map.js reads."""
    return json.dumps(layer, ensure_ascii=False, separators=(",", ":"))
