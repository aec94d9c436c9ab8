"""Hostile input at volume, over the real catalog: schemathesis generates requests for every
operation of /api/openapi.json (the native API, downloads, catalog documents and feeds) and of
/api/openapi-ckan.json (every CKAN action, GET and POST) — valid and invalid parameters, odd
strings, huge numbers — and sends them to the production server (gunicorn); every answer must
be below 500 and conform to its document. Then the hypothesis targets of bench/hostile.py (the
Dash callback endpoint, the rows filters, the CKAN parameters) send ``--cases`` generated
requests to the same build in the process, so that an error it logs (a traceback) counts as a failure too.

    python -m bench.fuzz [--examples N] [--cases M]
        N schemathesis cases per operation (0: none); M hypothesis cases in all, shared
        between the three targets (0: none)
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bench.hostile import Tally, run_target, targets
from bench.server import ROOT, portal_server
from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build

# The share of the hypothesis cases each target gets: the callback bodies and the rows
# filters have the most shapes.
SHARES = {"dash": 0.4, "rows": 0.4, "ckan": 0.2}


DOCUMENTS = ("/api/openapi.json", "/api/openapi-ckan.json")
# Aimed values for the parameters that name something in the catalog: random ones are 404s.
RESOURCE_IDS = ("kanuma-evacuation-sites.csv", "dx-measures/measures.csv",
                "kanuma-town-points.csv")


def _fuzz(base: str, examples: int, ids: list[str]) -> dict[str, object]:
    result: dict[str, Any] = {"operations": 0, "cases": 0, "statuses": Counter(),
                              "server_errors": 0, "nonconforming": 0, "examples": [],
                              "documents": {}}
    for document in DOCUMENTS:
        tally = _fuzz_document(f"{base}{document}", examples, ids)
        result["documents"][document] = {k: tally[k] for k in (
            "operations", "cases", "server_errors", "nonconforming")}
        for key in ("operations", "cases", "server_errors", "nonconforming"):
            result[key] += tally[key]
        result["statuses"].update(tally["statuses"])
        result["examples"] += tally["examples"]
    result["statuses"] = dict(sorted(result["statuses"].items()))
    result["examples"] = result["examples"][:5]
    return result


def _aim(case: schemathesis.Case, pick: int, ids: list[str]) -> None:
    """Three cases in four name a real dataset (and resource), so the generated filters,
    sorts and cursors reach the queries behind them."""
    if not pick % 4:
        return
    if case.path_parameters and "id" in case.path_parameters:
        case.path_parameters["id"] = ids[pick % len(ids)]
    for params in (case.query, case.body if isinstance(case.body, dict) else None):
        if not params:
            continue
        if "id" in params:
            params["id"] = ids[pick % len(ids)]
        if "resource_id" in params:
            params["resource_id"] = RESOURCE_IDS[pick % len(RESOURCE_IDS)]


def _fuzz_document(url: str, examples: int, ids: list[str]) -> dict[str, Any]:
    schema = schemathesis.openapi.from_url(url)
    picks = iter(range(10**9))
    statuses: Counter[int] = Counter()
    server_errors: list[str] = []
    nonconforming: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def send(case: schemathesis.Case) -> None:
            _aim(case, next(picks), ids)
            response = case.call(timeout=30)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                server_errors.append(case.as_curl_command())
                return
            try:
                # Column names depend on each dataset, so a well-formed request may be a 400.
                case.validate_response(response, excluded_checks=[positive_data_acceptance])
            except Exception as failure:  # noqa: BLE001 (any failed check is counted)
                nonconforming.append(f"{case.as_curl_command()}: {str(failure)[:200]}")

        send()
    return {"operations": len(operations), "cases": sum(statuses.values()),
            "statuses": statuses,
            "server_errors": len(server_errors), "nonconforming": len(nonconforming),
            "examples": (server_errors + nonconforming)[:5]}


def _hostile(out: Path, cache: Path, cases: int) -> dict[str, object]:
    """The hypothesis targets over the build ``out``: cases, statuses, 5xx and failures."""
    import logging
    import time

    app = create_app(load_settings({}, build_dir=out, cache_dir=cache, redis_url=""))
    results: dict[str, object] = {}
    logging.disable(logging.WARNING)  # refused callback requests log a line each
    try:
        for name, (strategy, send) in targets(app).items():
            started = time.perf_counter()
            tally = run_target(strategy, send, max(1, round(cases * SHARES[name])), Tally())
            results[name] = {"cases": tally.cases, "statuses": dict(sorted(
                tally.statuses.items())), "server_errors": tally.server_errors,
                "failures": len(tally.failures), "examples": tally.failures[:5],
                "seconds": round(time.perf_counter() - started, 1)}
    finally:
        logging.disable(logging.NOTSET)
    return results


def run(examples: int = 500, cases: int = 0) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="portal-fuzz-"))
    try:
        out = root / "build"
        assert build(ROOT / "catalog.yaml", out).exit_code == 0
        result: dict[str, object] = {"operations": 0, "cases": 0, "statuses": {},
                                     "server_errors": 0, "nonconforming": 0, "examples": []}
        if examples:
            with portal_server(out) as base:
                with urllib.request.urlopen(f"{base}/api/3/action/package_list") as answer:  # noqa: S310
                    ids = json.load(answer)["result"]
                result = _fuzz(base, examples, ids)
        if cases:
            hostile = _hostile(out, root / "cache", cases)
            result["hostile"] = hostile
            result["hostile_cases"] = sum(t["cases"] for t in hostile.values())  # type: ignore[index]
            result["hostile_failures"] = sum(t["failures"] for t in hostile.values())  # type: ignore[index]
            result["hostile_server_errors"] = sum(
                t["server_errors"] for t in hostile.values())  # type: ignore[index]
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500,
                        help="schemathesis cases per operation of both documents (0: none)")
    parser.add_argument("--cases", type=int, default=0,
                        help="hypothesis cases over the Dash callbacks, rows filters and CKAN "
                             "parameters, in all (0: none)")
    args = parser.parse_args()
    result = run(args.examples, args.cases)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    failed = result["server_errors"] or result["nonconforming"] or result.get(
        "hostile_failures")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
