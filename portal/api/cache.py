"""Response cache for the JSON API and feeds: file system by default, Redis when configured.

A key is the build id, the base URL the answer's absolute URLs start from
(``portal/origin.py``) and the full path and query string, so a new build never serves an old
answer, no two queries share one, and an answer built for one ``Host`` is never served to a
client that sent another (twelve requests with ``Host: evil.example`` once filled the cache with
URLs on evil.example for everyone). A cache shared between machines (Redis) is not used at all
unless ``PORTAL_BASE_URL`` fixes the base URL: behind a proxy, the ``Host`` each instance sees is
not the public one, and a shared cache would spread whichever came first.

The cache is an accelerator, never a dependency: when Redis fails the error is logged, the
request is answered uncached (never a 5xx), and the cache is left alone for RETRY_AFTER seconds
before it is tried again.

The cache is read and written only for a key asked before (by this worker, among the last
ASKED keys): most rows queries are asked once, and writing them cost every request a write
(0.8 ms with the file-system cache) that no later request read, and reading them a Redis round
trip that never hit. A repeated query is answered again once, then cached, unless answering
it costs less than a cache write has lately (``Costs``).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from flask import Flask, Response, current_app, g, request
from flask_caching import Cache
from redis.exceptions import RedisError
from werkzeug.wrappers import Request

from portal.config import Settings
from portal.origin import base_url
from portal.store.current import CurrentBuild, NoBuild

log = logging.getLogger(__name__)
View = TypeVar("View", bound=Callable[..., Response])
KEPT_HEADERS = ("Content-Type", "Access-Control-Allow-Origin", "Cache-Control")


def cache_config(settings: Settings) -> dict[str, Any]:
    if settings.redis_url:
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": settings.redis_url,
                "CACHE_KEY_PREFIX": "portal:",
                "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout,
                # A dead Redis must fail fast, not hold the request.
                "CACHE_OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1}}
    return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(settings.cache_dir),
            "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout, "CACHE_THRESHOLD": 2000}


def init_cache(app: Flask, settings: Settings) -> Cache:
    cache = Cache(config=cache_config(settings))
    app.extensions["portal.cache_on"] = cache_usable(settings)
    if not app.extensions["portal.cache_on"]:
        log.warning("PORTAL_REDIS_URL is set without PORTAL_BASE_URL: the shared cache is not "
                    "used, since answers would carry whatever Host a client sent "
                    "(docs/security.md)")
    cache.init_app(app)
    app.extensions["portal.cache"] = cache
    app.extensions["portal.cache_breaker"] = Breaker()
    app.extensions["portal.cache_asked"] = Asked()
    app.extensions["portal.cache_costs"] = Costs()
    return cache


def cache_usable(settings: Settings) -> bool:
    """Whether answers may be cached: always in this machine's file cache (its keys carry
    the origin), in a shared Redis only under a configured base URL."""
    return bool(settings.base_url) or not settings.redis_url


WARN_EVERY = 30.0  # seconds: one line per outage, not a traceback per request
# After a failure the cache is left alone for a few seconds: a hung or flapping Redis would
# otherwise cost every request its socket timeout (twice: read and write).
RETRY_AFTER = 5.0


class Breaker:
    """Per app: when the cache last failed, and when it was last logged."""

    def __init__(self) -> None:
        self.skip_until = 0.0
        self.warned_at = -WARN_EVERY

    def available(self) -> bool:
        return time.monotonic() >= self.skip_until

    def failed(self, action: str, exc: Exception) -> None:
        now = time.monotonic()
        self.skip_until = now + RETRY_AFTER
        if now - self.warned_at >= WARN_EVERY:
            self.warned_at = now
            log.warning("cache %s failed (%s: %s); answering uncached until it is back",
                        action, type(exc).__name__, exc)


def _get(cache: Cache, breaker: Breaker, key: str) -> Any:
    if not breaker.available():
        return None
    try:
        return cache.get(key)
    except (RedisError, OSError) as exc:
        breaker.failed("read", exc)
        return None


def _set(cache: Cache, breaker: Breaker, key: str, value: Any) -> None:
    if not breaker.available():
        return
    try:
        cache.set(key, value)
    except (RedisError, OSError) as exc:
        breaker.failed("write", exc)


ASKED = 20_000  # keys remembered per worker (their hashes: about 2 MB)


class Asked:
    """The hashes of the keys asked most recently, to cache only a query asked again."""

    def __init__(self, size: int = ASKED) -> None:
        self.size = size
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._lock = threading.Lock()

    def again(self, key: str) -> bool:
        """Whether ``key`` was asked before; remembers it either way."""
        digest = hash(key)
        with self._lock:
            if digest in self._seen:
                self._seen.move_to_end(digest)
                return True
            self._seen[digest] = None
            if len(self._seen) > self.size:
                self._seen.popitem(last=False)
            return False


REMEASURE = 50  # one answer in this many is written anyway, to notice a cheaper cache


class Costs:
    """What a cache write has cost lately (a moving average), to skip writing an answer that
    is cheaper to compute again than to store: the file-system cache, once it holds
    CACHE_THRESHOLD entries, opens every entry to prune on each write (16–40 ms measured, where
    a rows page costs 0.3 ms)."""

    def __init__(self) -> None:
        self.write = 0.0
        self.skipped = 0

    def worth_writing(self, answer_seconds: float) -> bool:
        if answer_seconds >= self.write:
            return True
        self.skipped += 1
        return self.skipped % REMEASURE == 0

    def wrote(self, seconds: float) -> None:
        self.write = seconds if self.write == 0.0 else 0.8 * self.write + 0.2 * seconds


def cache_key(build_id: str, origin: str, req: Request | None = None) -> str:
    req = req or request
    return f"{build_id}:{origin}:{req.method}:{req.full_path}"


def through_cache(extensions: Mapping[str, Any], key: str,
                  answer: Callable[[], Response]) -> Response:
    """The cached answer for ``key`` when there is one, else ``answer()``, written to the cache
    when it is worth it (see the module's docstring). The ``cached`` views and the rows fast
    path (portal/api/fastpath.py) share it."""
    if not extensions["portal.cache_on"]:
        response = answer()
        response.headers["X-Cache"] = "off"
        return response
    cache: Cache = extensions["portal.cache"]
    breaker: Breaker = extensions["portal.cache_breaker"]
    asked: Asked = extensions["portal.cache_asked"]
    # A key this worker has not seen is not read either: it is almost always a query
    # asked once, and the read is a Redis round trip. Another worker's entry is found
    # from the second time this one is asked.
    again = asked.again(key)
    hit = _get(cache, breaker, key) if again else None
    if isinstance(hit, tuple) and len(hit) == 3:
        status, headers, body = hit
        response = Response(body, status=status, headers=headers)
        response.headers["X-Cache"] = "hit"
        return response
    started = time.perf_counter()
    response = answer()
    answered = time.perf_counter() - started
    costs: Costs = extensions["portal.cache_costs"]
    if again and response.status_code == 200 and not response.direct_passthrough and \
            costs.worth_writing(answered):
        headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
        started = time.perf_counter()
        _set(cache, breaker, key, (response.status_code, headers, response.get_data()))
        costs.wrote(time.perf_counter() - started)
    response.headers["X-Cache"] = "miss"
    return response


def cached(view: View) -> View:
    """Cache a GET view's successful responses per build id and full query string."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        if request.method != "GET":
            return view(*args, **kwargs)
        store: CurrentBuild = current_app.extensions["portal.store"]
        try:
            build = store.get()
        except NoBuild:
            return view(*args, **kwargs)
        # The view answers from the build the key names, even if a new one is published
        # meanwhile: an answer is never cached under another build's key.
        g.portal_build = build
        return through_cache(current_app.extensions, cache_key(build.build_id, base_url()),
                             lambda: view(*args, **kwargs))

    return cast(View, wrapper)
