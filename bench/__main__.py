"""Run every benchmark and print one table: our figure, the baseline's, the ratio, the target.

    python -m bench            full sizes (about 10 minutes on 2 cores)
    python -m bench --short    small sizes, for CI, so the benchmarks cannot rot

Exit status 1 when a run had errors or the engines disagreed; targets are printed, and only
judged (the last column) in the full run, where the sizes are the ones the targets are for.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys

from bench import chart, datasette, download, fuzz, load, paging, scale, transfer, validation
from bench.server import NGINX

Row = tuple[str, object, object, str, str]


def _met(value: float, target: float, at_most: bool) -> str:
    return "yes" if (value <= target if at_most else value >= target) else "NO"


def collect(short: bool) -> tuple[list[Row], bool]:
    rows: list[Row] = []
    healthy = True

    def judged(label: str, ours: object, base: object, ratio: str, target: float,
               value: float, at_most: bool = False) -> None:
        sign = "≤" if at_most else "≥"
        met = "" if short else _met(value, target, at_most)
        rows.append((label, ours, base, ratio, f"{sign} {target:g} {met}".strip()))

    served = datasette.run(5_000, 4, 3, 30_000, "filesystem") if short else datasette.run()
    healthy &= not served["errors"]
    for shape, got in served["shapes"].items():
        healthy &= bool(got["same_first_page"]) and bool(got["same_total"])
        judged(f"rows API {shape}, {served['rows']:,} rows, req/s (Datasette; "
               f"{served['client']})", got["ours_rps"], got["datasette_rps"],
               f"{got['ratio']}×", got["target_ratio"], float(got["ratio"] or 0))

    paged = paging.run(10_000, 20) if short else paging.run()
    judged(f"deep paging page {paged['deep_page']} vs 1, ms", paged["page_900_ms"],
           paged["page_1_ms"], f"{paged['ratio']}×", 1.5, float(paged["ratio"]), at_most=True)

    charted = chart.run(20_000, 3) if short else chart.run()
    healthy &= bool(charted["same_numbers"])
    judged(f"chart aggregation, {charted['rows']:,} rows, p95 ms (pandas groupby)",
           charted["p95_ms"], charted["pandas_p95_ms"], f"{charted['ratio_p95']}×", 300,
           float(charted["p95_ms"]), at_most=True)
    rows.append(("  p50 ms (pandas)", charted["p50_ms"], charted["pandas_p50_ms"], "", ""))

    if NGINX is not None:
        got = download.run(5, 3, 2) if short else download.run()
        healthy &= got["ours_sha256"] == got["nginx_sha256"] == got["sha256"]
        judged(f"CSV download {got['megabytes']} MB, MB/s (nginx)", got["ours_mb_s"],
               got["nginx_mb_s"], f"{got['ratio']}×", 0.8, float(got["ratio"]))

    checked = validation.run(20_000 if short else 1_000_000)
    healthy &= bool(checked["same_findings"])
    judged(f"validate {checked['rows']:,} rows with errors, s (frictionless)",
           checked["ours_s"], checked["frictionless_s"],
           f"{checked['speedup_vs_frictionless']}× faster", 8,
           float(checked["speedup_vs_frictionless"]))
    rows.append(("  pandas.read_csv floor, s; same findings", checked["pandas_floor_s"], "",
                 str(checked["same_findings"]), ""))

    big = scale.run(50, 20) if short else scale.run()
    judged(f"validate 1 changed of {big['datasets']:,} datasets (CLI), s (all)",
           big["cli_validate_one_changed_s"], big["cli_validate_all_s"],
           f"{big['cli_incremental_ratio']}×", 0.05, float(big["cli_incremental_ratio"]),
           at_most=True)
    judged(f"cold start to first 200, {big['datasets']:,} datasets, s",
           big["cold_start_to_home_page_s"], "", "", 3, float(big["cold_start_to_home_page_s"]),
           at_most=True)
    judged(f"memory per worker, {big['datasets']:,} datasets, MB RSS",
           max(big["worker_rss_mb"]), "", "", 250, max(big["worker_rss_mb"]), at_most=True)
    rows.append((f"  search / facet filter p50, {big['datasets']:,} datasets, ms",
                 f"{big['search_p50_ms']} / {big['facet_filter_p50_ms']}", "", "", ""))
    rows.append((f"  build {big['datasets']:,} datasets, s", big["build_s"], "", "", ""))

    # `import` is a keyword, so the module is loaded by name.
    imported = importlib.import_module("bench.import").run(
        *((20, 50, 10) if short else ()))
    healthy &= imported["import_exit"] == 0 and imported["build_exit"] == 0
    rows.append((f"import {imported['datasets']} datasets, datasets/s (portal new, files/s)",
                 imported["import_datasets_per_s"], imported["new_files_per_s"],
                 f"{imported['import_speedup_vs_new']}×", ""))
    rows.append((f"  build the {imported['datasets']} imported, datasets/s",
                 imported["build_datasets_per_s"], "", "", ""))
    rows.append(("  rerun import / build (nothing changed), s",
                 f"{imported['import_rerun_s']} / {imported['build_rerun_s']}",
                 f"{imported['import_s']} / {imported['build_s']}", "", ""))
    rows.append(("  peak RSS import / build, MB",
                 f"{imported['import_peak_rss_mb']} / {imported['build_peak_rss_mb']}", "", "",
                 ""))

    if shutil.which("chromium"):
        sizes = transfer.run()
        # Pages with a preview grid load AG Grid (about 520 KB on the wire) when the grid
        # comes near the screen, which on a dataset page it does at once: their budget is
        # 1,000 KB; pages without a grid keep 600 KB.
        for path, label, budget in (
                ("/", "home page", 600), ("/datasets", "datasets page", 600),
                ("/datasets/kanuma-postal-codes", "dataset page with the grid, no chart", 1000),
                ("/datasets/dx-kpi-targets", "dataset page with the grid and a chart", 1000)):
            kb = round(sizes[path]["bytes"] / 1000)
            judged(f"{label}, first visit, KB", kb, "", "", budget, kb, at_most=True)
        rows.append(("  the same, scrolled to the chart (plotly.js loaded), KB",
                     round(sizes["/datasets/dx-kpi-targets#scrolled"]["bytes"] / 1000), "", "",
                     ""))
        rows.append(("  /kpi (chart at the top), KB", round(sizes["/kpi"]["bytes"] / 1000), "",
                     "", ""))

    clients, seconds = (10, 5) if short else (100, 60)
    loaded = load.run(clients, seconds, faults=not short)
    healthy &= not loaded["errors"]
    rows.append((f"load, {clients} clients {seconds} s{'' if short else ' with faults'}, req/s",
                 loaded["requests_per_second"], "", "", ""))
    rows.append(("  p50 / p99 ms; errors", f"{loaded['p50_ms']} / {loaded['p99_ms']}", "",
                 str(loaded["errors"]), "0"))

    fuzzed = fuzz.run(10 if short else 200)
    healthy &= not fuzzed["server_errors"] and not fuzzed["nonconforming"]
    rows.append((f"schemathesis, {fuzzed['cases']} cases: 5xx; off-spec", fuzzed["server_errors"],
                 "", str(fuzzed["nonconforming"]), "0"))
    return rows, healthy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true")
    args = parser.parse_args()
    rows, healthy = collect(args.short)
    table = [("measure", "ours", "baseline", "ratio", "target"), *rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(5)]
    for row in table:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
