"""A generated 1,000-dataset catalog: validate it all, validate a change to one, build it,
start the production server on it, search it, and weigh its workers.

    python -m bench.scale [--datasets N] [--rows R]

The catalog is generated (ids `generated-NNNN`), lives in a temporary git repository and
never touches the real one.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.paging import PORTAL
from bench.server import ROOT, portal_server
from portal.publishing.pipeline import build
from portal.validate.engine import validate_catalog

ENTRY = """  - id: {id}
    title: {{ja: 生成データ{n}({word}), en: Generated dataset {n} ({word_en})}}
    description:
      ja: ベンチマーク用に生成した{word}のデータ(実在しません)
      en: Generated {word_en} data for benchmarks (not real)
    publisher: {publisher}
    category: {category}
    tags: [{tags}]
    license: CC-BY-4.0
    issued: 2023-04-01
    modified: 2024-{month:02d}-01
    frequency: annual
    source: {{title: {{ja: 生成, en: Generated}}, license: CC0}}
    resources:
      - name: data
        path: datasets/{id}/data.csv
        format: csv
        schema: datasets/{id}/data.schema.json
"""
WORDS = [("人口", "population"), ("施設", "facilities"), ("避難所", "shelters"),
         ("予算", "budget"), ("観光", "tourism"), ("ごみ", "waste"), ("道路", "roads"),
         ("学校", "schools")]
# Department ids declared in bench.paging.PORTAL.
PUBLISHERS = ["general-affairs", "citizens", "environment", "tourism", "roads"]
CATEGORIES = ["population", "administration", "environment", "industry-tourism", "infrastructure",
              "childcare-education"]
SCHEMA = {"fields": [
    {"name": "番号", "type": "integer", "constraints": {"required": True}},
    {"name": "地区", "type": "string"}, {"name": "年度", "type": "integer"},
    {"name": "値", "type": "number"},
    {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"}],
    "missingValues": [""], "primaryKey": ["番号"]}


def generate(root: Path, count: int, rows: int) -> Path:
    rng = random.Random(7)
    entries = []
    for n in range(count):
        dataset_id = f"generated-{n:04d}"
        word, word_en = WORDS[n % len(WORDS)]
        publisher = PUBLISHERS[n % len(PUBLISHERS)]
        entries.append(ENTRY.format(
            id=dataset_id, n=n, word=word, word_en=word_en, publisher=publisher,
            category=CATEGORIES[n % len(CATEGORIES)],
            tags=", ".join(sorted({WORDS[n % 8][0], WORDS[(n * 3) % 8][0]})), month=1 + n % 12))
        folder = root / "datasets" / dataset_id
        folder.mkdir(parents=True)
        (folder / "data.schema.json").write_text(json.dumps(SCHEMA, ensure_ascii=False),
                                                 encoding="utf-8")
        lines = ["番号,地区,年度,値,緯度,経度"]
        for i in range(rows):
            lines.append(f"{i + 1},{'ABCDE'[i % 5]}地区,{2015 + i % 10},"
                         f"{rng.randrange(100000) / 10},{36.5 + rng.random() / 5:.5f},"
                         f"{139.6 + rng.random() / 5:.5f}")
        (folder / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = root / "catalog.yaml"
    catalog.write_text(PORTAL + "".join(entries), encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                  "commit", "-q", "-m", "generated catalog"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    return catalog


def _timed(function: object, *args: object, **kwargs: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)  # type: ignore[operator]
    return time.perf_counter() - start, result


def _cli(*args: str) -> float:
    """Seconds for `portal ARGS` as staff run it (start-up included); it must succeed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "portal.cli", *args], check=False,
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout.decode(errors="replace")[-2000:]
    return time.perf_counter() - start


def _worker_rss_mb(port: str, expected: int = 2) -> list[float]:
    """Resident memory of the gunicorn workers serving on `port` (not the arbiter), once all
    ``expected`` are up: on a busy machine one may still be forking when the others answer."""
    deadline = time.monotonic() + 10
    workers = _workers_rss_mb(port)
    while len(workers) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _workers_rss_mb(port)
    return workers


def _workers_rss_mb(port: str) -> list[float]:
    pids = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            status = (proc / "status").read_text()
        except OSError:
            continue
        if f"PORTAL_PORT={port}".encode() in environ and "gunicorn" in (
                proc / "cmdline").read_bytes().decode(errors="replace"):
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            pids[proc.name] = (int(fields["PPid"]), int(fields["VmRSS"].split()[0]) / 1024)
    workers = [rss for pid, (ppid, rss) in pids.items() if str(ppid) in pids]
    return sorted(workers)


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        response.read()
        assert response.status == 200, url
    return time.perf_counter() - start


def run(count: int = 1000, rows: int = 50) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="portal-scale-"))
    try:
        catalog = generate(root, count, rows)
        cli_full_s = _cli("validate", "--catalog", str(catalog))
        # A change to one dataset, as a pull request would make it.
        changed_id = f"generated-{count // 2:04d}"
        changed = root / "datasets" / changed_id / "data.csv"
        changed.write_text(changed.read_text(encoding="utf-8") + "9999,Z地区,2024,1.5,36.6,139.7\n",
                           encoding="utf-8")
        one_s, one = _timed(validate_catalog, catalog, changed_since="HEAD")
        assert [d.id for d in one.datasets] == [changed_id]  # type: ignore[attr-defined]
        cli_one_s = _cli("validate", "--catalog", str(catalog), "--changed-since", "HEAD")
        out = root / "build"
        build_s, built = _timed(build, catalog, out)
        assert built.exit_code == 0  # type: ignore[attr-defined]
        started = time.perf_counter()
        with portal_server(out) as base:
            cold_health_s = time.perf_counter() - started
            first_home_s = _get(base + "/")
            cold_home_s = time.perf_counter() - started
            search = [_get(f"{base}/api/v1/datasets?q={urllib.parse.quote(word)}&page={p}")
                      for word, _ in WORDS for p in (1, 2, 3)]
            facets = [_get(f"{base}/api/v1/datasets?category={c}&tag=%E4%BA%BA%E5%8F%A3")
                      for c in CATEGORIES]
            pages = [_get(f"{base}/datasets/generated-{n:04d}") for n in range(0, count, 97)]
            listing = [_get(f"{base}/datasets?q=%E4%BA%BA%E5%8F%A3&page={p}") for p in (1, 2, 3)]
            rss = _worker_rss_mb(base.rsplit(":", 1)[1])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {
        "datasets": count, "rows_each": rows,
        "validated_after_change": [d.id for d in one.datasets],  # type: ignore[attr-defined]
        "validate_one_changed_s": round(one_s, 3),
        "cli_validate_all_s": round(cli_full_s, 2),
        "cli_validate_one_changed_s": round(cli_one_s, 2),
        "cli_incremental_ratio": round(cli_one_s / cli_full_s, 3),
        "build_s": round(build_s, 2),
        "cold_start_to_healthz_s": round(cold_health_s, 2),
        "cold_start_to_home_page_s": round(cold_home_s, 2),
        "first_home_page_ms": round(first_home_s * 1000, 1),
        "search_p50_ms": round(statistics.median(search) * 1000, 1),
        "search_max_ms": round(max(search) * 1000, 1),
        "facet_filter_p50_ms": round(statistics.median(facets) * 1000, 1),
        "dataset_page_p50_ms": round(statistics.median(pages) * 1000, 1),
        "search_page_p50_ms": round(statistics.median(listing) * 1000, 1),
        "worker_rss_mb": [round(r, 1) for r in rss],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(run(args.datasets, args.rows), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
