"""Load and faults against the portal under gunicorn on loopback.

    python -m bench.load [--clients 100] [--seconds 60] [--faults] [--short]

Clients loop over a mix of pages, API calls and downloads with keep-alive connections for a
fixed time. With --faults, during the run: Redis (the shared cache) is killed and restarted,
a new build is swapped in, and one dataset's built CSV is truncated in the live build. The
report gives requests, errors by kind, req/s and p50/p99 latency; 5xx answers are errors
except the truncated dataset's own file, whose 5xx answers (and downloads under way when it
was cut, which end short) are reported separately.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.server import ROOT, portal_server, redis_server

MIX = [
    "/", "/datasets", "/datasets?q=郵便", "/datasets/kanuma-postal-codes",
    "/api/v1/datasets", "/api/v1/datasets?q=KPI", "/api/v1/datasets/dx-kpi-targets",
    "/api/v1/datasets/kanuma-postal-codes/rows?_size=50&_sort=町域",
    "/api/v1/datasets/dx-kpi-targets/rows?KPI番号=3-2", "/api/v1/kpi",
    "/datasets/kanuma-postal-codes.csv", "/datasets/dx-glossary.json",
    "/datasets/japan-national-holidays.excel.csv", "/healthz",
]
TRUNCATED = "/datasets/dx-glossary.json"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    truncated_5xx: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500:
                if path == TRUNCATED:
                    self.truncated_5xx += 1
                else:
                    self.errors.append(f"{status} {path}")


def _client(base: str, stop: float, tally: Tally, seed: int) -> None:
    parts = urlsplit(base)
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while time.monotonic() < stop:
        path = rng.choice(MIX)
        quoted = path.encode("utf-8").decode("latin-1")
        start = time.perf_counter()
        try:
            connection.request("GET", _quote(path), headers={"Accept-Encoding": "gzip, br"})
            response = connection.getresponse()
            response.read()
            tally.add(path, response.status, time.perf_counter() - start)
        except (OSError, http.client.HTTPException) as exc:
            with tally.lock:
                # A download of the file being truncated that was under way when it was cut
                # ends short: the fault itself, not a failure of the server.
                if path == TRUNCATED and isinstance(exc, http.client.IncompleteRead):
                    tally.truncated_5xx += 1
                else:
                    tally.errors.append(f"{type(exc).__name__} {quoted}")
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.close()


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/?=&_")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _faults(build_dir: Path, redis: object | None, seconds: float, log: list[str]) -> None:
    time.sleep(seconds * 0.2)
    if redis is not None:
        redis.stop()  # type: ignore[attr-defined]
        log.append(f"{time.strftime('%X')} redis killed")
        time.sleep(seconds * 0.15)
        redis.start()  # type: ignore[attr-defined]
        log.append(f"{time.strftime('%X')} redis restarted")
    time.sleep(seconds * 0.1)
    subprocess.run([sys.executable, "-m", "portal.cli", "build", "--force", "--out",
                    str(build_dir)], cwd=ROOT, check=True, capture_output=True)
    log.append(f"{time.strftime('%X')} new build swapped in")
    time.sleep(seconds * 0.1)
    target = build_dir.resolve() / "datasets/dx-glossary/glossary.json"
    with target.open("r+b") as handle:
        handle.truncate(max(1, target.stat().st_size // 2))
    log.append(f"{time.strftime('%X')} truncated {target.relative_to(build_dir.resolve())}")


def run(clients: int, seconds: float, faults: bool) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    build_dir = work / "build"
    subprocess.run([sys.executable, "-m", "portal.cli", "build", "--out", str(build_dir)],
                   cwd=ROOT, check=True, capture_output=True)
    tally = Tally()
    log: list[str] = []
    try:
        with redis_server() as (redis_url, redis), \
                portal_server(build_dir, redis_url=redis_url, cache_dir=work / "cache") as base:
            stop = time.monotonic() + seconds
            threads = [threading.Thread(target=_client, args=(base, stop, tally, i))
                       for i in range(clients)]
            if faults:
                threads.append(threading.Thread(target=_faults,
                                                args=(build_dir, redis, seconds, log)))
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = len(tally.latencies)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "p50_ms": round(_percentile(tally.latencies, 0.5) * 1000, 1),
        "p99_ms": round(_percentile(tally.latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(tally.latencies) * 1000, 1) if total else None,
        "statuses": dict(sorted(tally.statuses.items())),
        "errors": len(tally.errors), "error_samples": tally.errors[:10],
        "truncated_dataset_5xx": tally.truncated_5xx, "faults": log,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--short", action="store_true", help="10 clients for 5 s")
    args = parser.parse_args()
    if args.short:
        args.clients, args.seconds = 10, 5
    os.chdir(ROOT)
    result = run(args.clients, args.seconds, args.faults)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
