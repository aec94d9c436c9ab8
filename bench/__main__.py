"""Run every benchmark and print one table: our figure, the baseline's, the ratio.

    python -m bench            full sizes (minutes)
    python -m bench --short    small sizes, for CI, so the benchmarks cannot rot
"""

from __future__ import annotations

import argparse
import sys

from bench import load, paging, validation


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true")
    args = parser.parse_args()
    rows = 20_000 if args.short else 1_000_000
    checked = validation.run(rows)
    paged = paging.run(10_000 if args.short else 100_000, 20 if args.short else 200)
    clients, seconds = (10, 5) if args.short else (100, 60)
    loaded = load.run(clients, seconds, faults=not args.short)
    table = [
        ("measure", "ours", "baseline", "ratio"),
        (f"validate {rows:,} rows (s)", checked["ours_s"], checked["frictionless_s"],
         f"{checked['speedup_vs_frictionless']}× faster than frictionless"),
        ("  pandas.read_csv floor (s)", checked["pandas_floor_s"], "", ""),
        ("  same findings as frictionless", checked["same_findings"], "", ""),
        (f"rows API page 900 vs page 1 ({paged['rows']:,} rows, ms)", paged["page_900_ms"],
         paged["page_1_ms"], f"{paged['ratio']}×"),
        (f"load {clients} clients {seconds} s (req/s)", loaded["requests_per_second"], "", ""),
        ("  p50 / p99 (ms)", f"{loaded['p50_ms']} / {loaded['p99_ms']}", "", ""),
        ("  errors", loaded["errors"], "", ""),
    ]
    widths = [max(len(str(row[i])) for row in table) for i in range(4)]
    for row in table:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    return 0 if checked["same_findings"] and not loaded["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
