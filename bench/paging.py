"""Deep paging on the rows API: page 900 of a filtered, sorted 100,000-row generated dataset
against page 1, served in-process (the same view as under gunicorn).

    python -m bench.paging [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from portal.query.rows import cursor_at, parse_query, scope_of

PORTAL = """portal:
  title: {ja: 生成データ, en: Generated}
  description: {ja: ベンチマーク用の生成データ, en: Generated benchmark data}
  city: {ja: 鹿沼市, en: Kanuma City}
  prefecture: {ja: 栃木県, en: Tochigi}
  local_government_code: "092053"
  publisher: generated
  departments:
    - {id: generated, ja: 生成, en: Generated}
    - {id: general-affairs, ja: 総務課, en: General Affairs}
    - {id: citizens, ja: 市民課, en: Citizens}
    - {id: environment, ja: 環境課, en: Environment}
    - {id: tourism, ja: 観光課, en: Tourism}
    - {id: roads, ja: 道路課, en: Roads}
  contact: {name: {ja: 生成, en: Generated}, email: x@example.invalid, phone: "0", address: "-"}
  license: CC-BY-4.0
datasets:
"""
CATALOG = PORTAL + """  - id: generated-rows
    title: {ja: 生成された行(ベンチマーク用), en: Generated rows (benchmark)}
    description: {ja: ベンチマーク用の生成データ, en: Generated for benchmarks}
    publisher: generated
    category: administration
    license: CC-BY-4.0
    issued: 2024-04-01
    modified: 2024-04-01
    frequency: irregular
    source: {title: {ja: 生成, en: Generated}, license: CC0}
    resources:
      - name: rows
        path: datasets/generated-rows/rows.csv
        format: csv
        schema: datasets/generated-rows/rows.schema.json
"""


def build_generated(root: Path, fields: dict[str, str], lines: Iterable[str],
                    index_advice: dict[str, Any] | None = None) -> Path:
    """Write the one-dataset generated catalog (``fields``: name → Table Schema type, ``lines``:
    CSV rows without the header) under ``root`` and build it (with ``index_advice``, as
    ``portal build --index-advice`` reads it); returns the build directory."""
    folder = root / "datasets/generated-rows"
    folder.mkdir(parents=True)
    (root / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / "rows.schema.json").write_text(json.dumps({"fields": [
        {"name": name, "type": kind} for name, kind in fields.items()],
        "missingValues": [""]}), encoding="utf-8")
    with (folder / "rows.csv").open("w", encoding="utf-8") as handle:
        handle.write(",".join(fields) + "\n")
        handle.writelines(lines)
    out = root / "build"
    assert build(root / "catalog.yaml", out, index_advice=index_advice).exit_code == 0
    return out


def prepare(rows: int, root: Path) -> Path:
    rng = random.Random(3)
    return build_generated(
        root, {"id": "integer", "area": "string", "value": "integer"},
        (f"{i},{'ABCDE'[i % 5]},{rng.randrange(1_000_000)}\n" for i in range(rows)))


def timed(client: object, cache: object, url: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cache.clear()  # type: ignore[attr-defined]  # measure the query, not the cache
        start = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        assert response.status_code == 200, response.get_data(as_text=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(rows: int = 100_000, repeat: int = 50) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="portal-paging-"))
    try:
        out = prepare(rows, root)
        app = create_app(load_settings({}, build_dir=out, cache_dir=root / "cache",
                                       redis_url=""))
        client, cache = app.test_client(), app.extensions["portal.cache"]
        base = "/api/v1/datasets/generated-rows/rows?value__gte=1000&_sort=value&_size=100"
        first = client.get(base).get_json()
        total = first["total"]
        # The cursor of page 900 (or the last full page of a smaller dataset) is the sort
        # value and rowid of the last row of the page before it.
        deep_page = min(900, total // 100)
        import sqlite3

        db = sqlite3.connect(out.resolve() / "datasets/generated-rows/rows.sqlite")
        value, rowid = db.execute(
            "SELECT value, rowid FROM rows WHERE value >= 1000 "
            "ORDER BY value, rowid LIMIT 1 OFFSET ?", ((deep_page - 1) * 100 - 1,)).fetchone()
        db.close()
        # The cursor is bound to its query, dataset, resource and table (its SHA-256), and
        # carries the total counted on page 1, as the one in page 899's next_url would.
        served = app.extensions["portal.store"].get()
        table = served.require("generated-rows").primary
        database = table.file("sqlite")
        assert database is not None
        query = parse_query([("value__gte", "1000"), ("_sort", "value"), ("_size", "100")],
                            table.schema, "generated-rows",
                            scope_of(database.sha256, "generated-rows", "rows"))
        deep = f"{base}&_next={cursor_at(query, value, rowid, total)}"
        page_1 = timed(client, cache, base, repeat)
        page_900 = timed(client, cache, deep, repeat)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"rows": rows, "matching": total, "deep_page": deep_page,
            "page_1_ms": round(page_1 * 1000, 2),
            "page_900_ms": round(page_900 * 1000, 2),
            "ratio": round(page_900 / page_1, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(run(args.rows, args.repeat), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
