"""Validating a large generated CSV: our engine vs `frictionless validate`, pandas as the floor.

    python -m bench.validation [--rows N]

The file (bench/.generated/generated_validation_N.csv) has 5 columns and seeded errors (type
errors, a required blank, an out-of-range value). The figures are wall-clock seconds of each
tool on the same file and schema in this process; the findings are compared as sets of
(row, field, kind).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import pandas as pd
from frictionless import Resource, Schema, validate

from portal.validate.read import read_table
from portal.validate.tableschema import check_schema

HERE = Path(__file__).resolve().parent
SCHEMA = {"fields": [
    {"name": "id", "type": "integer", "constraints": {"required": True}},
    {"name": "name", "type": "string"},
    {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "ratio", "type": "number"},
    {"name": "day", "type": "date"},
], "missingValues": [""]}


def generate(rows: int) -> tuple[Path, Path]:
    folder = HERE / ".generated"
    folder.mkdir(exist_ok=True)
    path = folder / f"generated_validation_{rows}.csv"
    schema_path = folder / "generated_validation.schema.json"
    schema_path.write_text(json.dumps(SCHEMA), encoding="utf-8")
    if path.exists():
        return path, schema_path
    rng = random.Random(7)
    bad = set(rng.sample(range(rows), min(300, rows // 10)))
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,name,count,ratio,day\n")
        for i in range(rows):
            values = [str(i), f"施設{i % 977}", str(i % 500), f"{(i % 1000) / 7:.3f}",
                      f"20{10 + i % 14:02d}-0{1 + i % 9}-{1 + i % 28:02d}"]
            if i in bad:
                column = i % 4
                values[[0, 2, 3, 4][column]] = ["", "-1", "x.5", "2024-13-01"][column]
            handle.write(",".join(values) + "\n")
    return path, schema_path


def ours(path: Path) -> tuple[float, set[tuple[int, str, str]]]:
    start = time.perf_counter()
    table, _ = read_table(path, path.name, "csv")
    assert table is not None
    findings = list(check_schema(table, SCHEMA))
    elapsed = time.perf_counter() - start
    kinds = {"cell-type-error": "type-error", "cell-required": "constraint-error",
             "cell-constraint": "constraint-error"}
    return elapsed, {(f.row or 0, f.column or "", kinds.get(f.code, f.code)) for f in findings}


def theirs(path: Path) -> tuple[float, set[tuple[int, str, str]]]:
    start = time.perf_counter()
    report = validate(Resource(path=path.name, basepath=str(path.parent),
                               schema=Schema.from_descriptor(SCHEMA)),
                      limit_errors=10**9)
    elapsed = time.perf_counter() - start
    found = {(e.row_number, e.field_name, e.type) for e in report.tasks[0].errors}
    return elapsed, found


def floor(path: Path) -> float:
    start = time.perf_counter()
    pd.read_csv(path, dtype=str, keep_default_na=False)
    return time.perf_counter() - start


def run(rows: int) -> dict[str, object]:
    path, _ = generate(rows)
    ours_seconds, ours_found = ours(path)
    theirs_seconds, theirs_found = theirs(path)
    floor_seconds = floor(path)
    return {"rows": rows, "ours_s": round(ours_seconds, 2),
            "frictionless_s": round(theirs_seconds, 2), "pandas_floor_s": round(floor_seconds, 2),
            "speedup_vs_frictionless": round(theirs_seconds / ours_seconds, 1),
            "findings": len(ours_found), "same_findings": ours_found == theirs_found}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    result = run(args.rows)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["same_findings"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
