"""Rows API against Datasette: the same filtered, sorted page of the same generated SQLite file,
the same concurrent clients, in the same run.

    python -m bench.datasette [--rows N] [--clients C] [--seconds S] [--distinct D]
                              [--cache redis|filesystem] [--client wrk|python] [--no-pin]

Each request asks for 100 rows with ``value >= t``, sorted by value, as JSON; ``t`` walks one
seeded list of distinct thresholds, the same list in the same order for both servers, so
neither can answer from one cached page. Datasette runs one process (uvicorn) with its
default settings, on a copy of the file opened immutable (``-i``) as ours is; our portal runs
the production gunicorn command with the same number of workers, one, and its default
threads. Ours keeps its response cache as production configures it: Redis, as in
compose.yaml (or the file-system cache the image uses without Redis, ``--cache filesystem``);
the cache hits are reported. Datasette is asked ``_nosuggest=1``: facet suggestions are work
our API does not do; it still counts the matching rows, as ours does.

The load comes from wrk (``--client wrk``, the default when it is installed) on one
thread with ``--clients`` connections, walking the thresholds through bench/walk.lua; or
from Python threads with http.client (``--client python``), which at ~1,000 req/s spend as
much CPU per request as the server and so measure themselves as much as the server. On 2 or
more CPUs (unless ``--no-pin``) the client runs on one CPU and each server, in turn, on
another (taskset), so neither server competes with the client for a core.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.paging import prepare
from bench.server import datasette_server, portal_server, redis_server
from bench.wrk import WRK, run_wrk

QUERY = "value__gte={}&_sort=value&_size=100"
OURS = "/api/v1/datasets/generated-rows/rows?" + QUERY
THEIRS = "/generated/rows.json?" + QUERY + "&_shape=objects&_nosuggest=1"
TARGET_RATIO = 5.0
# The servers take turns in slices of seconds / ROUNDS (5 s by default): on a shared machine a
# burst of other work then falls on both servers alike, where 15 s turns let it fall on one.
ROUNDS = 6


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cache_hits: int = 0
    sent: int = 0
    elapsed: float = 0.0
    answered: int = 0  # wrk: the 200s counted by bench/walk.lua
    p50s: list[float] = field(default_factory=list)  # wrk: per run, seconds
    p99s: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_index(self) -> int:
        with self.lock:
            self.sent += 1
            return self.sent - 1


def thresholds(distinct: int, seed: int = 7) -> list[int]:
    """Distinct thresholds above 1000 (the first-page check's) matching 80–100 % of the rows."""
    return random.Random(seed).sample(range(1001, 201_001), distinct)


def _client(base: str, path: str, sequence: list[int], stop: float, tally: Tally) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    while time.monotonic() < stop:
        url = path.format(sequence[tally.next_index() % len(sequence)])
        start = time.perf_counter()
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - start
        except (OSError, http.client.HTTPException) as exc:
            with tally.lock:
                tally.errors.append(f"{type(exc).__name__}: {exc}")
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
            continue
        with tally.lock:
            if response.status != 200 or not body:
                tally.errors.append(f"{response.status} {url}")
            else:
                tally.latencies.append(elapsed)
                tally.answered += 1
                tally.cache_hits += response.getheader("X-Cache") == "hit"
    connection.close()


def load(base: str, path: str, sequence: list[int], clients: int, seconds: float,
         tally: Tally) -> None:
    started = time.monotonic()
    stop = started + seconds
    threads = [threading.Thread(target=_client, args=(base, path, sequence, stop, tally))
               for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.elapsed += time.monotonic() - started


def load_wrk(base: str, path: str, paths_file: Path, clients: int, seconds: float,
             tally: Tally, cpu: int | None) -> None:
    """As ``load``, from wrk: it goes on in the sequence where the last run stopped, so no
    threshold is asked twice."""
    got = run_wrk(base, paths_file, tally.sent, clients, seconds, cpu)
    tally.sent += got["requests"]
    tally.elapsed += got["duration_us"] / 1e6
    tally.answered += got["requests"] - got["bad"]
    tally.cache_hits += got["cache_hits"]
    tally.errors += [f"{got['bad']} answers not 200 from {base}{path}"] * bool(got["bad"])
    tally.errors += [f"{got['socket_errors']} socket errors"] * bool(got["socket_errors"])
    tally.p50s.append(got["p50_us"] / 1e6)
    tally.p99s.append(got["p99_us"] / 1e6)


def _rps(tally: Tally) -> float:
    return round(tally.answered / tally.elapsed, 1) if tally.elapsed else 0.0


def _percentile_ms(tally: Tally, q: float) -> float:
    if tally.p50s:  # wrk: the median of the runs' p50, the worst of their p99
        return round((sorted(tally.p50s)[len(tally.p50s) // 2] if q == 0.5
                      else max(tally.p99s)) * 1000, 2)
    ordered = sorted(tally.latencies)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2) if ordered \
        else 0.0


def _cpus(pin: bool) -> tuple[int | None, int | None]:
    """(the client's CPU, the servers' CPU), or Nones when not pinning."""
    available = sorted(os.sched_getaffinity(0))
    if not pin or len(available) < 2:
        return None, None
    return available[0], available[1]


def _get_json(url: str) -> Any:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (url, response.status, body[:500])
        return json.loads(body)
    finally:
        connection.close()


@contextmanager
def _our_cache(cache: str) -> Iterator[str]:
    if cache == "redis":
        with redis_server() as (redis_url, _):
            yield redis_url
    else:
        yield ""


def run(rows: int = 100_000, clients: int = 16, seconds: float = 30,
        distinct: int = 100_000, cache: str = "redis", client: str | None = None,
        pin: bool = True) -> dict[str, object]:
    client = client or ("wrk" if WRK else "python")
    client_cpu, server_cpu = _cpus(pin)
    root = Path(tempfile.mkdtemp(prefix="portal-datasette-"))
    try:
        out = prepare(rows, root)
        db = root / "datasette/generated.db"
        db.parent.mkdir()
        shutil.copyfile(out.resolve() / "datasets/generated-rows/rows.sqlite", db)
        sequence = thresholds(distinct)
        paths = {OURS: root / "ours.txt", THEIRS: root / "theirs.txt"}
        for path, listed in paths.items():
            listed.write_text("".join(path.format(t) + "\n" for t in sequence), "ascii")
        with ExitStack() as stack:
            redis_url = stack.enter_context(_our_cache(cache))
            ours = stack.enter_context(portal_server(out, workers=1, redis_url=redis_url,
                                                     cache_dir=root / "cache", cpu=server_cpu))
            theirs = stack.enter_context(datasette_server(db, cpu=server_cpu))
            # Like for like: the same first page (1000 is not in the sequence, so this
            # leaves nothing in our cache that the measured run could hit).
            first_ours = _get_json(ours + OURS.format(1000))
            first_theirs = _get_json(theirs + THEIRS.format(1000))
            # The servers take turns, so a busy spell on the machine hits both alike.
            ours_t, theirs_t = Tally(), Tally()
            for _ in range(ROUNDS):
                _measure(client, ours, OURS, paths[OURS], sequence, clients, seconds / ROUNDS,
                         ours_t, client_cpu)
                _measure(client, theirs, THEIRS, paths[THEIRS], sequence, clients,
                         seconds / ROUNDS, theirs_t, client_cpu)
        same_rows = [r["id"] for r in first_ours["rows"]] == \
            [r["id"] for r in first_theirs["rows"]]
        same_total = first_ours["total"] == first_theirs["filtered_table_rows_count"]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    ratio = round(_rps(ours_t) / _rps(theirs_t), 2) if _rps(theirs_t) else None
    return {
        "rows": rows, "clients": clients, "seconds": seconds, "cache": cache,
        "client": client, "pinned": client_cpu is not None,
        "distinct_thresholds": distinct,
        "ours_rps": _rps(ours_t), "datasette_rps": _rps(theirs_t), "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "ours_p50_ms": _percentile_ms(ours_t, 0.5),
        "datasette_p50_ms": _percentile_ms(theirs_t, 0.5),
        "ours_p99_ms": _percentile_ms(ours_t, 0.99),
        "datasette_p99_ms": _percentile_ms(theirs_t, 0.99),
        "ours_requests": ours_t.answered, "datasette_requests": theirs_t.answered,
        "ours_cache_hits": ours_t.cache_hits,
        "errors": len(ours_t.errors) + len(theirs_t.errors),
        "error_samples": (ours_t.errors + theirs_t.errors)[:10],
        "same_first_page": same_rows, "same_total": same_total,
        "first_page_rows": len(first_ours["rows"]),
    }


def _measure(client: str, base: str, path: str, paths_file: Path, sequence: list[int],
             clients: int, seconds: float, tally: Tally, cpu: int | None) -> None:
    if client == "wrk":
        load_wrk(base, path, paths_file, clients, seconds, tally, cpu)
        return
    # The Python client's threads inherit the CPU set of the thread that starts them.
    before = os.sched_getaffinity(0)
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    try:
        load(base, path, sequence, clients, seconds, tally)
    finally:
        os.sched_setaffinity(0, before)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--distinct", type=int, default=100_000)
    parser.add_argument("--cache", choices=("redis", "filesystem"), default="redis")
    parser.add_argument("--client", choices=("wrk", "python"), default=None,
                        help="load generator (default: wrk when installed)")
    parser.add_argument("--no-pin", dest="pin", action="store_false",
                        help="do not pin the client and the servers to separate CPUs")
    args = parser.parse_args()
    print(json.dumps(run(args.rows, args.clients, args.seconds, args.distinct, args.cache,
                         args.client, args.pin), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
