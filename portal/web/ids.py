"""Component ids used by callbacks and tests, kebab-case, declared once."""

from __future__ import annotations

URL = "url"
SUBSCRIBE = "subscribe"
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
QUALITY = "quality"  # the dataset page's quality section
QUALITY_TABLE = "quality-table"
QUALITY_DEPARTMENT = "quality-department"  # prefix of a department's section on /quality
