"""Hostile input at volume: schemathesis generates requests for every operation of
/api/openapi.json (valid and invalid parameters, odd strings, huge numbers) and sends them to
the production server (gunicorn) over the real catalog; every answer must be below 500 and
conform to the document.

    python -m bench.fuzz [--examples N]     (N cases per operation)
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bench.server import ROOT, portal_server
from portal.build.pipeline import build


def _fuzz(base: str, examples: int, ids: list[str]) -> dict[str, object]:
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
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
            # Random ids are all 404s: aim three cases in four at a real dataset, so the
            # generated filters, sorts and cursors reach the queries behind them.
            pick = next(picks)
            if case.path_parameters and "id" in case.path_parameters and pick % 4:
                case.path_parameters["id"] = ids[pick % len(ids)]
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
            "statuses": dict(sorted(statuses.items())),
            "server_errors": len(server_errors), "nonconforming": len(nonconforming),
            "examples": (server_errors + nonconforming)[:5]}


def run(examples: int = 500) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="portal-fuzz-"))
    try:
        out = root / "build"
        assert build(ROOT / "catalog.yaml", out).exit_code == 0
        with portal_server(out) as base:
            with urllib.request.urlopen(f"{base}/api/3/action/package_list") as answer:  # noqa: S310
                ids = json.load(answer)["result"]
            return _fuzz(base, examples, ids)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    args = parser.parse_args()
    result = run(args.examples)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if not result["server_errors"] and not result["nonconforming"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
