"""`portal serve` runs the production server: gunicorn, answering, quiet, stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bench.server import free_port, wait_until_up
from portal.serve import server_name

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_the_server_is_gunicorn_where_there_is_fork_and_flask_only_when_asked() -> None:
    assert server_name() == ("gunicorn" if hasattr(os, "fork") else "waitress")
    assert server_name(dev=True) == "flask"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="gunicorn needs fork")
def test_portal_serve_runs_gunicorn_and_stops_on_sigterm(built: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PORTAL_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "serve", "--host", "127.0.0.1", "--port",
         str(port), "--build", str(built), "--workers", "2"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", timeout=60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as response:
            body = json.load(response)
        assert body["status"] == "ok"
        assert body["datasets"] > 0
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0
    output = stdout + stderr
    assert "development server" not in output
    assert "Starting gunicorn" in output
    assert output.count("Booting worker with pid") == 2
    # The access log, in the combined format `portal usage` reads.
    assert '"GET /healthz HTTP/1.1" 200' in output


@pytest.mark.parametrize("workers", ["0", "-1", "two", "1.5"])
def test_workers_must_be_a_whole_number_from_1(workers: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from portal.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["serve", "--workers", workers])
    assert exited.value.code == 2
    assert f"argument --workers: expected a whole number from 1, got '{workers}'" in \
        capsys.readouterr().err
