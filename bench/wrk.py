"""Load from wrk, a C load generator, walking one list of request paths in order
(bench/walk.lua): at the ~1,000 req/s the rows API answers, a Python client costs about as
much CPU per request as the server it measures, and takes it from the server on a 2-core
machine.

    run_wrk(base, paths_file, start, connections, seconds, cpu)
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

WRK = shutil.which("wrk")
SCRIPT = Path(__file__).with_name("walk.lua")
MARK = "WRK-RESULT "


def pinned(command: list[str], cpu: int | None) -> list[str]:
    """``command`` run on one CPU only (taskset), or as it is when ``cpu`` is None."""
    return command if cpu is None else ["taskset", "-c", str(cpu), *command]


def run_wrk(base: str, paths_file: Path, start: int, connections: int, seconds: float,
            cpu: int | None = None) -> dict[str, int]:
    """One wrk run: ``connections`` keep-alive connections on one thread, the paths of
    ``paths_file`` from index ``start`` on. Returns requests, duration_us, cache_hits, bad
    (answers other than 200 with a body), socket_errors, p50_us, p99_us."""
    assert WRK is not None, "wrk is not installed: run scripts/install-system-deps"
    command = pinned([WRK, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                      "--timeout", "30s", "-s", str(SCRIPT), base, "--",
                      str(paths_file), str(start)], cpu)
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            return dict(json.loads(line[len(MARK):]))
    raise RuntimeError(f"wrk printed no result: {done.stdout[-500:]} {done.stderr[-500:]}")
