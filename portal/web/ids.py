"""Component ids used by callbacks and tests, kebab-case, declared once."""

from __future__ import annotations

URL = "url"
SEARCH_Q = "search-q"
LANGUAGE_SWITCH = "language-switch"
PREVIEW_TABLE = "preview-table"
PREVIEW_STATE = "preview-state"
CHART = "dataset-chart"
MAP = "dataset-map"
LAZY_FIGURE = "lazy-figure"
FIGURES_WANTED = "figures-wanted"
FIGURES = "figures"
PREVIEW_SLOT = "preview-slot"
PREVIEW_STATUS = "preview-status"
GRID_WANTED = "grid-wanted"
MAP_SUMMARY = "dataset-map-summary"
MAP_LINKS = "dataset-map-links"
