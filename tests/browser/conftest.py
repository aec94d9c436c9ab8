"""A live portal on loopback and a headless Chromium that drives it."""

from __future__ import annotations

import shutil
import struct
import tempfile
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _generated_tile() -> bytes:
    """A plain 256×256 PNG (generated): the tests never reach 地理院タイル over the network."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xee\xf0\xe8" * 256 for _ in range(256))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class _Tiles(BaseHTTPRequestHandler):
    tile = _generated_tile()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.tile)))
        self.end_headers()
        self.wfile.write(self.tile)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="session")
def tile_url() -> Iterator[str]:
    """A {z}/{x}/{y} URL of a loopback tile server standing in for 地理院タイル."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/xyz/std/{{z}}/{{x}}/{{y}}.png"
    server.shutdown()


@pytest.fixture(scope="session")
def live_url(built: Path, tile_url: str,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(load_settings({}, build_dir=built, map_tiles=tile_url,
                                   cache_dir=tmp_path_factory.mktemp("cache"),
                                   data_dir=tmp_path_factory.mktemp("data")))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _driver(width: int, height: int, mobile: bool = False) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    if mobile:
        # A desktop window cannot be narrower than about 500 px; emulate a phone's viewport.
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0}})
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    driver = _driver(1280, 1000)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def phone() -> Iterator[webdriver.Chrome]:
    driver = _driver(375, 800, mobile=True)
    yield driver
    driver.quit()


AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
needs_axe = pytest.mark.skipif(not AXE.exists(),
                               reason="axe-core is installed by `make test` (npm ci)")


def axe_violations(driver: webdriver.Chrome, within: str = "document") -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as drawn (or inside
    ``within``, a script expression): each rule's id, impact and first five elements."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return list(driver.execute_async_script(f"""
        const done = arguments[arguments.length - 1];
        axe.run({within}, {{runOnly: {{type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}}})
           .then(r => done(r.violations.map(v => ({{id: v.id, impact: v.impact,
                 nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}}))));"""))


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def scroll_to_figures(driver: webdriver.Chrome) -> None:
    """Charts are drawn when their slot comes into view, as a reader scrolls down to them."""
    slot = WebDriverWait(driver, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "[data-lazy-figure]")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", slot)


def scroll_to_preview(driver: webdriver.Chrome, timeout: float = 30) -> None:
    """The preview grid is drawn when its slot comes into view; wait for its first cells."""
    slot = WebDriverWait(driver, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "[data-lazy-grid]")))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", slot)
    WebDriverWait(driver, timeout).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#preview-table .ag-row .ag-cell")))
