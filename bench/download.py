"""Full CSV download of a generated dataset (~50 MB): our /datasets/<id>.csv under gunicorn
against nginx serving the very file our route streams, in the same run.

    python -m bench.download [--megabytes 50] [--times 10] [--concurrent 4]

Our portal runs the production gunicorn command with one worker (default threads); nginx runs
one worker process with ``sendfile on`` and otherwise default settings. Both are read by the
same client: a fresh connection per download, ``Accept-Encoding: identity``, the body read
into one 1 MiB buffer. Every download's byte count must equal the file's size; one download
from each is hashed (the file's sha256 is reported with both). MB are 10^6 bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import random
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bench.paging import build_generated
from bench.server import nginx_server, portal_server

OURS = "/datasets/generated-rows.csv"
BUILT = "datasets/generated-rows/rows.csv"  # the file the manifest lists for that download
TARGET_RATIO = 0.8
WORDS = ["鹿沼市", "上材木町", "cherry", "日光", "road", "屋台", "祭り", "river", "さつき", "data"]


def prepare(megabytes: float, root: Path) -> Path:
    """A built dataset whose CSV is about ``megabytes`` MB; returns the build directory."""
    rng = random.Random(5)
    # Wide rows (a ~200-byte note) reach 50 MB with few rows, so the build stays quick.
    rows = int(megabytes * 1_000_000 / 240)
    return build_generated(
        root, {"id": "integer", "area": "string", "value": "integer", "note": "string"},
        (f"{i},{'ABCDE'[i % 5]},{rng.randrange(1_000_000)},{' '.join(rng.choices(WORDS, k=30))}\n"
         for i in range(rows)))


def download(url: str, digest: bool = False) -> tuple[int, str]:
    """Bytes read and (if asked) the sha256 of one download of ``url``."""
    parts = urlsplit(url)
    buffer = memoryview(bytearray(1 << 20))
    sha = hashlib.sha256()
    size = 0
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        connection.request("GET", parts.path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        assert response.status == 200, (url, response.status)
        assert response.getheader("Content-Encoding", "identity") == "identity"
        while count := response.readinto(buffer):
            size += count
            if digest:
                sha.update(buffer[:count])
    finally:
        connection.close()
    return size, sha.hexdigest() if digest else ""


def throughput(urls: dict[str, str], size: int, times: int, clients: int) -> dict[str, float]:
    """MB/s of each server over ``times`` rounds of ``clients`` simultaneous downloads. The
    servers take turns round by round, so a busy spell on the machine hits both alike."""
    seconds = dict.fromkeys(urls, 0.0)
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(times):
            for name, url in urls.items():
                start = time.perf_counter()
                got = [n for n, _ in pool.map(download, [url] * clients)]
                seconds[name] += time.perf_counter() - start
                assert got == [size] * clients, (name, got, size)
    return {name: round(size * clients * times / spent / 1e6, 1)
            for name, spent in seconds.items()}


def run(megabytes: float = 50, times: int = 10, concurrent: int = 4) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="portal-download-"))
    try:
        out = prepare(megabytes, root)
        built = out.resolve() / BUILT
        size = built.stat().st_size
        expected = hashlib.sha256(built.read_bytes()).hexdigest()
        checks: dict[str, object] = {}
        speeds: dict[str, float] = {}
        with portal_server(out, workers=1, cache_dir=root / "cache") as ours_base, \
                nginx_server(built.parent, root / "nginx") as nginx_base:
            urls = {"ours": ours_base + OURS, "nginx": f"{nginx_base}/{built.name}"}
            for name, url in urls.items():
                got, sha = download(url, digest=True)  # also the warm-up
                checks[f"{name}_bytes"] = got
                checks[f"{name}_sha256"] = sha
            for name, mb_s in throughput(urls, size, times, 1).items():
                speeds[f"{name}_mb_s"] = mb_s
            if concurrent > 1:
                for name, mb_s in throughput(urls, size, times, concurrent).items():
                    speeds[f"{name}_mb_s_{concurrent}_clients"] = mb_s
    finally:
        shutil.rmtree(root, ignore_errors=True)
    ratios = {"ratio": round(speeds["ours_mb_s"] / speeds["nginx_mb_s"], 2)}
    if concurrent > 1:
        key = f"_mb_s_{concurrent}_clients"
        ratios[f"ratio_{concurrent}_clients"] = \
            round(speeds["ours" + key] / speeds["nginx" + key], 2)
    return {"megabytes": round(size / 1e6, 1), "bytes": size, "times": times, **speeds,
            **ratios, "target_ratio": TARGET_RATIO, "sha256": expected, **checks}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--concurrent", type=int, default=4, help="0: sequential only")
    args = parser.parse_args()
    print(json.dumps(run(args.megabytes, args.times, args.concurrent), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
