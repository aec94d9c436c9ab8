"""The portal's base URL, decided in one place: every absolute URL the portal writes (API
bodies, feeds, data packages, page heads, CKAN's ``help``) and every cache key start from it.

``PORTAL_BASE_URL`` when it is set; otherwise the request's own scheme and ``Host``. The
latter is whatever the client sent, so an answer built from it may only be shared with
clients that sent the same (``portal/api/cache.py`` keys on it, and a cache shared between
machines is not used at all without ``PORTAL_BASE_URL``: docs/security.md).
"""

from __future__ import annotations

from flask import current_app, request
from werkzeug.wrappers import Request

from portal.config import Settings


def base_url(req: Request | None = None, settings: Settings | None = None) -> str:
    """The base URL for ``req`` (default: the current request), without a trailing slash."""
    configured = (settings or current_app.extensions["portal.settings"]).base_url
    return str(configured or (req or request).host_url).rstrip("/")
