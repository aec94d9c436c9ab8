"""Rows API against Datasette: the same filtered, sorted pages of the same generated SQLite file,
the same concurrent clients, in the same run, for four query shapes.

    python -m bench.datasette [--rows N] [--clients C] [--seconds S] [--distinct D]
                              [--cache redis|filesystem] [--client wrk|python] [--no-pin]
                              [--shapes range,equality-range-sort,...]

The shapes (each page 100 rows or so, as JSON):

- ``range``: ``value__gte=t&_sort=value`` (80–100 % of the rows match);
- ``equality-range-sort``: ``town__exact=町NN&value__gte=V&_sort_desc=value`` (a resident's app);
- ``two-equalities-sort``: ``town__exact=町NN&kind__exact=種別K&_sort=value`` (a size from 101
  to 300 rows makes each request distinct; about 310 rows match);
- ``search``: ``_search=<place><facility>`` or ``<place><facility>第N``, a Japanese word (a size
  from 101 to 200 too).

Each shape walks one seeded list of distinct queries, the same list in the same order for both
servers, so neither can answer from one cached page. The generated table is ``id, town, kind,
value, name`` (40 towns, 8 kinds, names of 20 places × 10 facilities). Our build gets its
composite indexes the way production does: an access log of the shapes' requests, read by
the index advisor (``portal usage --advise-indexes``), given to the build
(``--index-advice``), within the default budget. Datasette gets a copy of the same file without
our composite indexes and full-text table, and instead the ones a careful user adds —
``sqlite-utils create-index generated.db rows town value``, ``… rows town kind value``, and
``sqlite-utils enable-fts generated.db rows name --fts5 --tokenize trigram`` — written here as
the SQL those commands run (sqlite-utils is not a dependency). Both answer every shape's first
page with the same ids and total (checked), and each shape's ``EXPLAIN QUERY PLAN`` is
reported for both (Datasette's SQL as its JSON reports it).

Datasette runs one process (uvicorn) with its default settings, on its copy opened immutable
(``-i``) as ours is; our portal runs the production gunicorn command with one worker and its
default threads. Ours keeps its response cache as production configures it: Redis, as in
compose.yaml (or the file-system cache the image uses without Redis, ``--cache filesystem``);
the cache hits are reported. Datasette is asked ``_nosuggest=1``: facet suggestions are work
our API does not do; it still counts the matching rows, as ours does.

The load comes from wrk (``--client wrk``, the default when it is installed) on one
thread with ``--clients`` connections, walking each shape's queries through bench/walk.lua; or
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
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from bench.paging import build_generated
from bench.server import datasette_server, portal_server, redis_server
from bench.wrk import WRK, run_wrk
from portal.query.rows import page_statement, parse_query
from portal.usage.advice import advice_document, advise_indexes

OURS = "/api/v1/datasets/generated-rows/rows?{}"
THEIRS = "/generated/rows.json?{}&_shape=objects&_nosuggest=1"
SHAPES = ("range", "equality-range-sort", "two-equalities-sort", "search")
# The single range had 5.25× (2026-12-07); the three shapes of #23 aim at 10×.
TARGET_RATIO = {"range": 5.0, "equality-range-sort": 10.0, "two-equalities-sort": 10.0,
                "search": 10.0}
# The servers take turns in slices of seconds / ROUNDS (5 s by default): on a shared machine a
# burst of other work then falls on both servers alike, where 15 s turns let it fall on one.
ROUNDS = 6
TOWNS = [f"町{i:02d}" for i in range(40)]
KINDS = [f"種別{i}" for i in range(8)]
PLACES = ["鹿沼", "板荷", "粟野", "北押原", "南押原", "菊沢", "東大芦", "西大芦", "加蘇", "南摩",
          "永野", "清洲", "粕尾", "口粟野", "上粕尾", "下粕尾", "深程", "引田", "草久", "入粟野"]
FACILITIES = ["指定緊急避難場所", "公民館", "小学校", "集会所", "ごみ集積所", "公園", "センター",
              "図書館", "消防団詰所", "保育園"]
FIELDS = {"id": "integer", "town": "string", "kind": "string", "value": "integer",
          "name": "string"}
# The indexes a careful Datasette user adds for these shapes (sqlite-utils' names and SQL).
THEIR_INDEXES = (
    'CREATE INDEX "idx_rows_town_value" ON "rows" ("town", "value")',
    'CREATE INDEX "idx_rows_town_kind_value" ON "rows" ("town", "kind", "value")',
    "CREATE VIRTUAL TABLE [rows_fts] USING FTS5 ([name], tokenize='trigram', content=[rows])",
    "INSERT INTO [rows_fts] (rowid, [name]) SELECT rowid, [name] FROM [rows]",
)
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


def words() -> list[str]:
    """The search words: each place with each facility (about 500 rows each of 100,000), and
    with a number too (about 55)."""
    named = [f"{place}{facility}" for place in PLACES for facility in FACILITIES]
    return named + [f"{word}第{k}" for word in named for k in range(1, 10)]


def shape_queries(shape: str, distinct: int, seed: int = 7) -> tuple[str, list[str]]:
    """(the first-page check's query, ``distinct`` distinct queries of ``shape``); the check's
    query is not among them, so it leaves nothing in our cache the measured run could hit."""
    rng = random.Random(seed)
    if shape == "range":
        return ("value__gte=1000&_sort=value&_size=100",
                [f"value__gte={t}&_sort=value&_size=100" for t in thresholds(distinct, seed)])
    if shape == "equality-range-sort":
        values = rng.sample(range(1000, 1_000_000), distinct)
        return (f"town__exact={quote('町03')}&value__gte=999&_sort_desc=value&_size=100",
                [f"town__exact={quote(rng.choice(TOWNS))}&value__gte={v}&_sort_desc=value"
                 "&_size=100" for v in values])
    sizes = range(101, 301)
    if shape == "two-equalities-sort":
        combos = [(t, k, n) for t in TOWNS for k in KINDS for n in sizes]
        rng.shuffle(combos)
        return (f"town__exact={quote('町03')}&kind__exact={quote('種別3')}&_sort=value&_size=100",
                [f"town__exact={quote(t)}&kind__exact={quote(k)}&_sort=value&_size={n}"
                 for t, k, n in combos[:distinct]])
    if shape == "search":
        pairs = [(w, n) for w in words() for n in sizes[:100]]
        rng.shuffle(pairs)
        return (f"_search={quote('鹿沼公民館')}&_size=100",
                [f"_search={quote(w)}&_size={n}" for w, n in pairs[:distinct]])
    raise ValueError(shape)


def _log_line(query: str) -> str:
    return (f'127.0.0.1 - - [01/Dec/2026:10:00:00 +0900] "GET {OURS.format(query)} HTTP/1.1" '
            f'200 1 "-" "bench"\n')


def prepare_shapes(rows: int, root: Path, queries: dict[str, list[str]]) -> Path:
    """The generated table built as production builds it: with the composite indexes the
    index advisor advises from an access log of ``queries`` (the first 200 of each shape)."""
    rng = random.Random(3)
    lines = [_log_line(q) for listed in queries.values() for q in listed[:200]]
    # The index advisor reads the shapes as a log of them; the build takes its advice.
    advice = advice_document(advise_indexes(("access.log", n, line)
                                            for n, line in enumerate(lines, 1)))
    names = words()
    return build_generated(
        root, FIELDS,
        (f"{i},{rng.choice(TOWNS)},{rng.choice(KINDS)},{rng.randrange(1_000_000)},"
         f"{rng.choice(names)}第{rng.randrange(1, 10)}\n" for i in range(rows)),
        index_advice={d: {r: [tuple(e["columns"]) for e in entries]
                          for r, entries in resources.items()}
                      for d, resources in advice["datasets"].items()})


def their_copy(ours: Path, theirs: Path) -> None:
    """Our row database without what our build adds for these shapes (composite indexes, the
    full-text table), with what a careful Datasette user adds instead."""
    shutil.copyfile(ours, theirs)
    db = sqlite3.connect(theirs)
    try:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                  "AND name LIKE 'cidx:%'").fetchall():
            db.execute(f'DROP INDEX "{name.replace(chr(34), chr(34) * 2)}"')
        db.execute("DROP TABLE IF EXISTS rows_search")
        db.execute("DROP TABLE IF EXISTS rows_search_text")
        for statement in THEIR_INDEXES:
            db.execute(statement)
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def our_plan(db: Path, query: str) -> list[str]:
    from urllib.parse import parse_qsl

    schema = {"fields": [{"name": n, "type": t} for n, t in FIELDS.items()]}
    rows_query = parse_query(parse_qsl(query), schema, "generated-rows")
    sql, args = page_statement(rows_query, FIELDS, tuple(FIELDS))
    return _plan(db, sql, args)


def _plan(db: Path, sql: str, args: Any) -> list[str]:
    from datasette.utils import escape_fts  # Datasette's SQL for _search calls it

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    connection.create_function("escape_fts", 1, escape_fts)
    try:
        return [r[3] for r in connection.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
    finally:
        connection.close()


def _client(base: str, path: str, sequence: list[str], stop: float, tally: Tally) -> None:
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


def load(base: str, path: str, sequence: list[str], clients: int, seconds: float,
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
        distinct: int = 60_000, cache: str = "redis", client: str | None = None,
        pin: bool = True, shapes: tuple[str, ...] = SHAPES) -> dict[str, Any]:
    """Each shape measured for ``seconds`` per server; a result per shape."""
    client = client or ("wrk" if WRK else "python")
    client_cpu, server_cpu = _cpus(pin)
    root = Path(tempfile.mkdtemp(prefix="portal-datasette-"))
    results: dict[str, dict[str, Any]] = {}
    try:
        checks, queries = {}, {}
        for shape in shapes:
            checks[shape], queries[shape] = shape_queries(shape, distinct)
        started = time.perf_counter()
        out = prepare_shapes(rows, root, queries)
        build_s = time.perf_counter() - started
        ours_db = out.resolve() / "datasets/generated-rows/rows.sqlite"
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        indexes = next(d for d in manifest["datasets"]
                       if d["id"] == "generated-rows")["resources"][0]["indexes"]
        db = root / "datasette/generated.db"
        db.parent.mkdir()
        their_copy(ours_db, db)
        with ExitStack() as stack:
            redis_url = stack.enter_context(_our_cache(cache))
            ours = stack.enter_context(portal_server(out, workers=1, redis_url=redis_url,
                                                     cache_dir=root / "cache", cpu=server_cpu))
            theirs = stack.enter_context(datasette_server(db, cpu=server_cpu))
            for shape in shapes:
                results[shape] = _run_shape(root, shape, checks[shape], queries[shape], ours,
                                            theirs, ours_db, db, client, clients, seconds,
                                            client_cpu)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"rows": rows, "clients": clients, "seconds": seconds, "cache": cache,
            "client": client, "pinned": client_cpu is not None, "distinct_queries": distinct,
            "build_s": round(build_s, 2),
            "our_indexes": [{"columns": i["columns"], "reason": i["reason"],
                             "bytes": i["bytes"]} for i in indexes["composite"]],
            "our_table_bytes": indexes["table_bytes"],
            "our_search_bytes": (indexes["search"] or {}).get("bytes"),
            "shapes": results,
            "errors": sum(r["errors"] for r in results.values())}


def _run_shape(root: Path, shape: str, check: str, sequence: list[str], ours: str,
               theirs: str, ours_db: Path, db: Path, client: str, clients: int,
               seconds: float, client_cpu: int | None) -> dict[str, Any]:
    paths = {OURS: root / f"ours-{shape}.txt", THEIRS: root / f"theirs-{shape}.txt"}
    for path, listed in paths.items():
        listed.write_text("".join(path.format(q) + "\n" for q in sequence), "utf-8")
    # Like for like: the same first page and total.
    first_ours = _get_json(ours + OURS.format(check))
    first_theirs = _get_json(theirs + THEIRS.format(check))
    their_query = first_theirs.get("query") or {}
    ours_t, theirs_t = Tally(), Tally()
    for _ in range(ROUNDS):
        _measure(client, ours, OURS, paths[OURS], sequence, clients, seconds / ROUNDS,
                 ours_t, client_cpu)
        _measure(client, theirs, THEIRS, paths[THEIRS], sequence, clients, seconds / ROUNDS,
                 theirs_t, client_cpu)
    ratio = round(_rps(ours_t) / _rps(theirs_t), 2) if _rps(theirs_t) else None
    return {
        "query": check,
        "ours_rps": _rps(ours_t), "datasette_rps": _rps(theirs_t), "ratio": ratio,
        "target_ratio": TARGET_RATIO[shape],
        "ours_p50_ms": _percentile_ms(ours_t, 0.5),
        "datasette_p50_ms": _percentile_ms(theirs_t, 0.5),
        "ours_p99_ms": _percentile_ms(ours_t, 0.99),
        "datasette_p99_ms": _percentile_ms(theirs_t, 0.99),
        "ours_requests": ours_t.answered, "datasette_requests": theirs_t.answered,
        "ours_cache_hits": ours_t.cache_hits,
        "errors": len(ours_t.errors) + len(theirs_t.errors),
        "error_samples": (ours_t.errors + theirs_t.errors)[:10],
        "same_first_page": [r["id"] for r in first_ours["rows"]]
        == [r["id"] for r in first_theirs["rows"]],
        "same_total": first_ours["total"] == first_theirs["filtered_table_rows_count"],
        "first_page_rows": len(first_ours["rows"]), "total": first_ours["total"],
        "ours_plan": our_plan(ours_db, check),
        "datasette_plan": _plan(db, their_query["sql"], their_query.get("params") or {})
        if their_query.get("sql") else [],
    }


def _measure(client: str, base: str, path: str, paths_file: Path, sequence: list[str],
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
    parser.add_argument("--seconds", type=float, default=30, help="per shape and server")
    parser.add_argument("--distinct", type=int, default=60_000,
                        help="distinct queries per shape")
    parser.add_argument("--cache", choices=("redis", "filesystem"), default="redis")
    parser.add_argument("--client", choices=("wrk", "python"), default=None,
                        help="load generator (default: wrk when installed)")
    parser.add_argument("--no-pin", dest="pin", action="store_false",
                        help="do not pin the client and the servers to separate CPUs")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help=f"comma-separated, of {', '.join(SHAPES)}")
    args = parser.parse_args()
    shapes = tuple(s for s in args.shapes.split(",") if s)
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)}")
    print(json.dumps(run(args.rows, args.clients, args.seconds, args.distinct, args.cache,
                         args.client, args.pin, shapes), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
