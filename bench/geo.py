"""Build time and output sizes of one geographic resource.

    python -m bench.geo [PATH]     a .zip or .shp Shapefile, or a .geojson (default: the real
                                   e-Stat DID Shapefile of Tochigi in tests/data/geo)

Builds a one-dataset catalog around the file in a temporary directory (validation included,
as `portal build` does) and prints the seconds taken and the size of every published file. The
baseline is what a user would do by hand with geopandas: read, reproject to WGS84, write
GeoJSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.paging import PORTAL

DEFAULT = (Path(__file__).resolve().parents[1]
           / "tests/data/geo/catalog/datasets/estat-did-tochigi/2010_did_ddsw_09.zip")
# The entry is formatted with the file; the shared header is taken as it is.
ENTRY = """  - id: generated-geo-bench
    title: {{ja: ベンチ, en: Bench}}
    description: {{ja: ベンチ, en: Bench}}
    publisher: generated
    category: geography
    license: CC-BY-4.0
    issued: 2024-04-01
    modified: 2024-04-01
    frequency: irregular
    source: {{title: {{ja: ベンチ, en: Bench}}, license: CC-BY-4.0}}
    resources:
      - name: layer
        path: datasets/generated-geo-bench/{name}
        format: {fmt}
        schema: datasets/generated-geo-bench/layer.schema.json
"""


def run(path: Path = DEFAULT) -> dict[str, Any]:
    import geopandas as gpd

    from portal.geo.layer import source_path
    from portal.ingest.layers import attribute_table, copy_parts, geo_format
    from portal.publishing.pipeline import build

    fmt = geo_format(path)
    if fmt is None:
        raise SystemExit(f"{path}: not a .shp, .zip or .geojson")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder = root / "datasets/generated-geo-bench"
        copy_parts(path, folder / path.name)
        _, schema, _ = attribute_table(path)
        (folder / "layer.schema.json").write_text(json.dumps(schema, ensure_ascii=False),
                                                  encoding="utf-8")
        (root / "catalog.yaml").write_text(PORTAL + ENTRY.format(name=path.name, fmt=fmt),
                                           encoding="utf-8")
        started = time.perf_counter()
        result = build(root / "catalog.yaml", root / "out", force=True)
        seconds = time.perf_counter() - started
        if result.built != ("generated-geo-bench",):
            raise SystemExit(json.dumps(result.report.to_dict(), ensure_ascii=False)[:2000])
        manifest = json.loads((root / "out/manifest.json").read_text(encoding="utf-8"))
        resource = manifest["datasets"][0]["resources"][0]
        started = time.perf_counter()
        frame = gpd.read_file(source_path(path))
        frame.to_crs(4326).to_file(root / "baseline.geojson", driver="GeoJSON")
        baseline = time.perf_counter() - started
        source_bytes = sum(p.stat().st_size for p in folder.iterdir()
                           if p.name != "layer.schema.json")
        return {"file": path.name, "source_bytes": source_bytes,
                "features": resource["geo"]["features"],
                "vertices": int(frame.geometry.count_coordinates().sum()),
                "build_s": round(seconds, 2), "geopandas_geojson_s": round(baseline, 2),
                "baseline_geojson_bytes": (root / "baseline.geojson").stat().st_size,
                "files": {f["kind"]: f["size"] for f in resource["files"]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    print(json.dumps(run(parser.parse_args().path), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
