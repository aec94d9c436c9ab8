"""`portal new` for a Shapefile (.shp or .zip) or GeoJSON: the file is kept as it is (with its
sidecars), and the first Table Schema of its attribute table is typed from the field types the
file itself declares (a .dbf numeric field is a number whatever its cells look like)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyogrio

from portal.findings import Finding
from portal.geo import SHAPEFILE_SIDECARS
from portal.geo.layer import read_layer, source_path
from portal.ingest.model import IngestedFile
from portal.validate.table import Table

SUFFIX_FORMATS = {".geojson": "geojson", ".shp": "shapefile", ".zip": "shapefile"}
OGR_TYPES = {"OFTInteger": "integer", "OFTInteger64": "integer", "OFTReal": "number",
             "OFTDate": "date", "OFTDateTime": "datetime"}


def geo_format(source: Path) -> str | None:
    """The catalog ``format`` of a geographic file, or None for anything else."""
    return SUFFIX_FORMATS.get(source.suffix.lower())


def attribute_table(source: Path) -> tuple[Table | None, dict[str, Any] | None,
                                           list[Finding]]:
    """The attribute table of ``source`` and a first Table Schema for it."""
    fmt = geo_format(source) or "geojson"
    table, findings = read_layer(source, source.name, fmt)
    if table is None:
        return None, None, findings
    ogr_types = pyogrio.read_info(source_path(source))["ogr_types"]
    fields = []
    for index, name in enumerate(table.header):
        descriptor: dict[str, Any] = {"name": name, "title": name,
                                      "type": OGR_TYPES.get(ogr_types[index], "string")}
        column = table.cells[index]
        if len(column) and (column.str.strip() != "").all():
            descriptor["constraints"] = {"required": True}
        fields.append(descriptor)
    return table, {"fields": fields, "missingValues": [""]}, findings


def ingest_geo(source: Path) -> IngestedFile:
    """``attribute_table`` in the shape `portal new` takes from ``portal.ingest``: nothing to
    fix (the file is published as it is) and no standard layout to recognise."""
    table, schema, findings = attribute_table(source)
    return IngestedFile(table=table, schema=schema, findings=tuple(findings), fixes=(),
                        standard=None, original=source)


def copy_parts(source: Path, target: Path) -> None:
    """Copy a geographic file to ``target`` (a path with the same suffix), and for a .shp its
    sidecars under the target's stem."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    if source.suffix.lower() != ".shp":
        return
    for suffix in SHAPEFILE_SIDECARS:
        for candidate in (source.with_suffix(suffix), source.with_suffix(suffix.upper())):
            if candidate.is_file():
                shutil.copyfile(candidate, target.with_suffix(suffix))
                break
