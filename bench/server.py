"""Start and stop servers on loopback for benchmarks: the portal under gunicorn, redis-server,
Datasette and nginx."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.wrk import pinned

ROOT = Path(__file__).resolve().parents[1]
# The Docker image's command (Dockerfile CMD), so the benchmark measures what production runs.
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py", "portal.wsgi:app"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, timeout: float = 30.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return time.monotonic() - start
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextmanager
def portal_server(build_dir: Path, workers: int = 2, threads: int = 8,
                  redis_url: str = "", cache_dir: Path | None = None,
                  cpu: int | None = None) -> Iterator[str]:
    """The production gunicorn command; ``cpu``: run it on that CPU only (taskset)."""
    port = free_port()
    env = {**os.environ, "PORTAL_HOST": "127.0.0.1", "PORTAL_PORT": str(port),
           "PORTAL_BUILD_DIR": str(build_dir), "PORTAL_WORKERS": str(workers),
           "PORTAL_THREADS": str(threads), "PORTAL_REDIS_URL": redis_url,
           # As deployed: a shared cache is used only under a configured base URL.
           "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
           "PORTAL_CACHE_DIR": str(cache_dir or build_dir.parent / "bench-cache"),
           "GUNICORN_CMD_ARGS": "--access-logfile=- --log-level=warning"}
    with _serving(pinned(GUNICORN, cpu), f"http://127.0.0.1:{port}", "/healthz",
                  build_dir.parent / "gunicorn.log", env) as url:
        yield url


@contextmanager
def redis_server() -> Iterator[tuple[str, RedisProcess]]:
    redis = RedisProcess(free_port())
    redis.start()
    try:
        yield f"redis://127.0.0.1:{redis.port}/0", redis
    finally:
        redis.stop()


class RedisProcess:
    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@contextmanager
def _serving(command: list[str], url: str, health: str, log_path: Path,
             env: dict[str, str] | None = None) -> Iterator[str]:
    """Run a server subprocess until the block ends. Its log goes to a file: a pipe nobody
    reads fills up and blocks the server."""
    log_file = log_path.open("ab")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=log_file)
    try:
        wait_until_up(url + health)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_file.close()


@contextmanager
def datasette_server(db_path: Path, cpu: int | None = None) -> Iterator[str]:
    """Datasette with its default settings serving one SQLite file, immutable (as our build's
    databases are opened: see portal/store/sqlite.py); ``cpu`` as for ``portal_server``."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(db_path),
               "--host", "127.0.0.1", "--port", str(port)]
    with _serving(pinned(command, cpu), f"http://127.0.0.1:{port}", "/-/versions.json",
                  db_path.parent / "datasette.log") as url:
        yield url


NGINX_CONF = """worker_processes 1;
{user}pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {work}/access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    types {{ text/csv csv; application/json json; }}
    default_type application/octet-stream;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location = /healthz {{ return 200; }}
    }}
}}
"""


# Debian installs nginx in /usr/sbin, which a non-root PATH may leave out.
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


@contextmanager
def nginx_server(root: Path, work: Path) -> Iterator[str]:
    """nginx in the foreground, one worker, sendfile on, serving the files under ``root``;
    its configuration, pid, logs and temporary files live in ``work``."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    # Run as root, nginx's workers would switch to "nobody", who may not read a mkdtemp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=user, work=work, port=port, root=root.resolve()),
                    encoding="utf-8")
    assert NGINX is not None, "nginx is not installed: run scripts/install-system-deps"
    command = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf),
               "-g", "daemon off;"]
    with _serving(command, f"http://127.0.0.1:{port}", "/healthz", work / "nginx.log") as url:
        yield url
