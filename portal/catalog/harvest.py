"""What the national aggregators that harvest municipal catalogs (BODIK ODM, the national
data catalog, search.ckan.jp) look for in a standard dataset: this tag and the standard's
name among its tags, under one of these licences."""

from __future__ import annotations

STANDARD_TAG = "自治体標準ODS"
AGGREGATOR_LICENSES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0")
