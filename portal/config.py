"""Every PORTAL_* setting, declared once: type, default and help.

Settings are read once, into a frozen ``Settings`` that is passed explicitly; nothing reads the
environment at import time. The defaults run the portal locally with nothing else installed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected true/false, got {text!r}")


def _budget(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 100:
        raise ValueError(f"expected a number from 0 to 100, got {text!r}")
    return value


def _tile_url(text: str) -> str:
    url = text.strip()
    if not url.startswith(("https://", "http://")) or not all(
            part in url for part in ("{z}", "{x}", "{y}")):
        raise ValueError(f"expected an http(s) URL with {{z}}, {{x}} and {{y}}, got {text!r}")
    return url


GSI_TILES = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"


@dataclass(frozen=True)
class Setting:
    name: str
    parse: Callable[[str], Any]
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("PORTAL_CATALOG", Path, Path("catalog.yaml"), "Path of catalog.yaml."),
    Setting("PORTAL_BUILD_DIR", Path, Path("build"),
            "Build output directory: what `portal build` writes and the server reads."),
    Setting("PORTAL_HOST", str, "127.0.0.1", "Address `portal serve` listens on."),
    Setting("PORTAL_PORT", int, 8050, "Port `portal serve` listens on."),
    Setting("PORTAL_WORKERS", int, 2,
            "Worker processes of `portal serve` (gunicorn; waitress runs 8 threads per worker)."),
    Setting("PORTAL_BASE_URL", str, "",
            "Public origin used in absolute URLs (DCAT, data packages, /catalog.csv, sitemap, "
            "feeds, canonical and hreflang links of pages). Empty: taken from each request's "
            "Host, and then a shared Redis cache is not used (docs/security.md). Set it in "
            "production."),
    Setting("PORTAL_REDIS_URL", str, "",
            "Redis URL for the shared cache. Empty: a file-system cache shared by the "
            "workers of one machine."),
    Setting("PORTAL_CACHE_DIR", Path, Path(".cache/portal"),
            "Directory of the file-system cache used when PORTAL_REDIS_URL is empty."),
    Setting("PORTAL_CACHE_TIMEOUT", int, 300, "Seconds a cached response is kept."),
    Setting("PORTAL_DEBUG", _bool, False, "Dash debug tools. Never on in production."),
    Setting("PORTAL_BEHIND_TLS", _bool, False,
            "Set when served over HTTPS (adds HSTS, trusts X-Forwarded-Proto)."),
    Setting("PORTAL_MAX_QUERY_LENGTH", int, 4096, "Longest accepted query string, in bytes."),
    Setting("PORTAL_MAX_CONTENT_LENGTH", int, 65536, "Largest accepted request body, in bytes."),
    Setting("PORTAL_INDEX_BUDGET", _budget, 1.0,
            "Composite indexes (and their count tables) `portal build` adds to a table's row "
            "database: at most this many times the table's own bytes (0: none). "
            "docs/build-output.md says which are chosen."),
    Setting("PORTAL_MAP_TILES", _tile_url, GSI_TILES,
            "Background tiles of the dataset maps ({z}/{x}/{y} URL): 地理院タイル, or a mirror "
            "of them. Its origin is the only other origin the site's CSP allows (images)."),
    Setting("PORTAL_TOWN_POINTS", str, "kanuma-town-points",
            "Dataset whose rows name the city's towns (大字町丁目名) with a 緯度/経度 each: what "
            "\"near a place\" on a dataset page resolves a town name or an address with."),
    Setting("PORTAL_NEAR_LIMIT", int, 10,
            "How many rows \"near a place\" lists, nearest first."),
    Setting("PORTAL_DATA_DIR", Path, Path("data"),
            "Directory of what the server itself writes: the data requests (requests.sqlite, "
            "unless PORTAL_REDIS_URL is set) and their key file (docs/requests.md)."),
    Setting("PORTAL_REQUESTS_SECRET", str, "",
            "Key of the data-request form's tokens and of the keyed hash that stands for a "
            "client in the rate limit (no IP address is kept). Empty: a random key kept in "
            "PORTAL_DATA_DIR/requests.key. Set one shared value when several machines serve."),
    Setting("PORTAL_REQUESTS_PER_HOUR", int, 5,
            "Data requests accepted from one client (one address) per hour; more are refused "
            "with a message to try later."),
    Setting("PORTAL_FORWARDED_FOR", _bool, False,
            "Take the client address of the request form's rate limit from the last entry of "
            "X-Forwarded-For (set it only behind your own proxy, which must write that header)."),
)


@dataclass(frozen=True)
class Settings:
    catalog: Path = Path("catalog.yaml")
    build_dir: Path = Path("build")
    host: str = "127.0.0.1"
    port: int = 8050
    workers: int = 2
    base_url: str = ""
    redis_url: str = ""
    cache_dir: Path = Path(".cache/portal")
    cache_timeout: int = 300
    debug: bool = False
    behind_tls: bool = False
    max_query_length: int = 4096
    max_content_length: int = 65536
    index_budget: float = 1.0
    map_tiles: str = GSI_TILES
    town_points: str = "kanuma-town-points"
    near_limit: int = 10
    data_dir: Path = Path("data")
    requests_secret: str = ""
    requests_per_hour: int = 5
    forwarded_for: bool = False


def _field_name(setting: Setting) -> str:
    return setting.name.removeprefix("PORTAL_").lower()


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``environ`` (default: the process environment), then ``overrides``.

    A malformed value raises ``ValueError`` naming the variable.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name)
        if raw is None:
            continue
        try:
            values[_field_name(setting)] = setting.parse(raw)
        except ValueError as exc:
            raise ValueError(f"{setting.name}: {exc}") from None
    known = {f.name for f in fields(Settings)}
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in known:
            raise TypeError(f"unknown setting {key!r}")
        values[key] = value
    return Settings(**values)
