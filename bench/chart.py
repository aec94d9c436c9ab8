"""The chart builder's aggregation over a generated 1,000,000-row table: p50 and p95 per
request of ``portal.query.aggregate.aggregate`` (the function behind /datasets/<id>/chart and
/api/v1/datasets/<id>/chart), against pandas' groupby of the same rows, already in memory, as
the baseline. The table is written by the build's own row-database writer, with the covering
indexes it gives a large table; its rows are generated (``generated-chart``).

    python -m bench.chart [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from portal.publishing.normalize import Column, canonical_text
from portal.publishing.sqlite import write_sqlite
from portal.query.aggregate import aggregate
from portal.query.chart_spec import ChartSpec

AREAS = [f"生成地区{i:02d}" for i in range(12)]
KINDS = [f"生成種別{i}" for i in range(5)]
SCHEMA = {"fields": [{"name": "No", "type": "integer"}, {"name": "年度", "type": "integer"},
                     {"name": "地区", "type": "string"}, {"name": "種別", "type": "string"},
                     {"name": "件数", "type": "integer"}, {"name": "金額", "type": "number"}]}
# The requests: what a reader asks the builder for, and the same question to pandas.
REQUESTS: list[tuple[ChartSpec, dict[str, Any]]] = [
    (ChartSpec("bar", "地区", "金額", "sum"), {"by": ["地区"], "y": "金額", "agg": "sum"}),
    (ChartSpec("line", "年度", "件数", "mean", "地区"),
     {"by": ["年度", "地区"], "y": "件数", "agg": "mean"}),
    (ChartSpec("bar", "種別", None, "count"), {"by": ["種別"], "y": None, "agg": "count"}),
    (ChartSpec("line", "年度", "金額", "max", "種別"),
     {"by": ["年度", "種別"], "y": "金額", "agg": "max"}),
    (ChartSpec("bar", "地区", "金額", "min", None, (("種別", "exact", KINDS[1]),)),
     {"by": ["地区"], "y": "金額", "agg": "min", "where": ("種別", KINDS[1])}),
    (ChartSpec("line", "年度", "金額", "sum", "地区", (("年度", "gte", "2020"),)),
     {"by": ["年度", "地区"], "y": "金額", "agg": "sum", "since": 2020}),
]


def generate(path: Path, rows: int) -> None:
    """The generated table: rows of 10 fiscal years × 12 areas × 5 kinds with counts and
    amounts."""
    rng = random.Random(21)
    values: dict[str, list[Any]] = {f["name"]: [] for f in SCHEMA["fields"]}
    for i in range(rows):
        values["No"].append(i + 1)
        values["年度"].append(2015 + rng.randrange(10))
        values["地区"].append(rng.choice(AREAS))
        values["種別"].append(rng.choice(KINDS))
        values["件数"].append(rng.randrange(1000))
        values["金額"].append(round(rng.random() * 10_000, 2))
    write_sqlite(path, [Column(f["name"], f["type"], values[f["name"]],
                               [canonical_text(v) for v in values[f["name"]]])
                        for f in SCHEMA["fields"]])


def _pandas(frame: pd.DataFrame, ask: dict[str, Any]) -> pd.Series:
    chosen = frame
    if "where" in ask:
        chosen = chosen[chosen[ask["where"][0]] == ask["where"][1]]
    if "since" in ask:
        chosen = chosen[chosen["年度"] >= ask["since"]]
    grouped = chosen.groupby(ask["by"], sort=True)
    return grouped.size() if ask["y"] is None else grouped[ask["y"]].agg(ask["agg"])


def _ms(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)


def run(rows: int = 1_000_000, repeat: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="generated-chart-") as folder:
        path = Path(folder) / "generated-chart.sqlite"
        started = time.perf_counter()
        generate(path, rows)
        written = time.perf_counter() - started
        with sqlite3.connect(path) as connection:
            frame = pd.read_sql_query("SELECT * FROM rows", connection)
        ours: list[float] = []
        theirs: list[float] = []
        same = True
        per_request = []
        for spec, ask in REQUESTS:
            mine: list[float] = []
            base: list[float] = []
            for _ in range(repeat):
                began = time.perf_counter()
                data = aggregate(path, SCHEMA, spec, "generated-chart")
                mine.append(time.perf_counter() - began)
                began = time.perf_counter()
                expected = _pandas(frame, ask)
                base.append(time.perf_counter() - began)
            got = [v for s in data.series for v in s.values if v is not None]
            same &= len(got) == len(expected) and all(
                abs(a - b) <= 1e-6 * max(1.0, abs(b))
                for a, b in zip(sorted(got), sorted(expected.tolist()), strict=True))
            ours += mine
            theirs += base
            per_request.append({"chart": f"{spec.agg}({spec.y or ''}) by {spec.x}"
                                         f"{' × ' + spec.color if spec.color else ''}"
                                         f"{' where ' + str(spec.filters) if spec.filters else ''}",
                                "p50_ms": _ms(mine, 0.5), "pandas_p50_ms": _ms(base, 0.5)})
    return {"rows": rows, "requests": len(ours), "write_s": round(written, 1),
            "p50_ms": _ms(ours, 0.5), "p95_ms": _ms(ours, 0.95),
            "pandas_p50_ms": _ms(theirs, 0.5), "pandas_p95_ms": _ms(theirs, 0.95),
            "ratio_p95": round(_ms(ours, 0.95) / max(_ms(theirs, 0.95), 0.1), 2),
            "same_numbers": same, "per_request": per_request}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(args.rows, args.repeat), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
