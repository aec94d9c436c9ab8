"""`portal new` for a Shapefile (.shp or .zip) or GeoJSON: the file is kept as it is (with its
sidecars), and the first Table Schema of its attribute table is typed from the field types the
file itself declares (a .dbf numeric field is a number whatever its cells look like)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyogrio

from portal.filekind import LAYER_FORMATS, sniff
from portal.findings import Finding
from portal.geo import SHAPEFILE_SIDECARS
from portal.geo.layer import read_layer, source_path
from portal.ingest.model import IngestedFile
from portal.tables.table import Table

OGR_TYPES = {"OFTInteger": "integer", "OFTInteger64": "integer", "OFTReal": "number",
             "OFTDate": "date", "OFTDateTime": "datetime"}


def geo_format(source: Path) -> str | None:
    """The catalog ``format`` of a geographic file (by its content and suffix, see
    portal/filekind.py), or None for anything else."""
    found = sniff(source).format if source.is_file() else None
    return found if found in LAYER_FORMATS else None


def attribute_table(source: Path, fmt: str | None = None) -> tuple[
        Table | None, dict[str, Any] | None, list[Finding]]:
    """The attribute table of ``source`` and a first Table Schema for it."""
    fmt = fmt or geo_format(source) or "geojson"
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


def ingest_geo(source: Path, fmt: str | None = None) -> IngestedFile:
    """``attribute_table`` in the shape `portal new` and `portal import` take from
    ``portal.ingest``: nothing to fix (the file is published as it is) and no standard layout
    to recognise."""
    table, schema, findings = attribute_table(source, fmt)
    return IngestedFile(table=table, schema=schema, findings=tuple(findings), fixes=(),
                        standard=None, original=source)


def layer_files(source: Path, target: str) -> dict[str, Path]:
    """Where each file of a layer goes: ``source`` to ``target`` (a path with the same
    suffix, lower-cased) and, for a .shp, its sidecars beside it under the target's stem."""
    parts = {target: source}
    if source.suffix.lower() != ".shp":
        return parts
    stem = target[: -len(".shp")]
    for suffix in SHAPEFILE_SIDECARS:
        for candidate in (source.with_suffix(suffix), source.with_suffix(suffix.upper())):
            if candidate.is_file():
                parts[stem + suffix] = candidate
                break
    return parts


def copy_parts(source: Path, target: Path) -> None:
    """Copy a geographic file to ``target`` (a path with the same suffix), and for a .shp its
    sidecars under the target's stem."""
    for path, part in layer_files(source, str(target)).items():
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(part, path)
