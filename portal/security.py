"""Security headers on every response, with a Content-Security-Policy that Dash runs under.

Dash's only executable inline scripts are its renderer bootstrap and clientside callbacks;
they are allowed by their sha256 hashes (``Dash.csp_hashes``), so the policy needs neither
'unsafe-inline' for scripts nor 'unsafe-eval'. Styles keep 'unsafe-inline' because React
writes style attributes. Nothing is loaded from another origin except the map's background
tiles (地理院タイル), allowed as images only.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from flask import Flask

from portal.config import Settings

BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    # The site's own pages may ask for the reader's position ("near a place", when the reader
    # taps 現在地から and agrees); no frame or other origin may.
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=()",
}


def tile_origin(tile_url: str) -> str:
    parts = urlsplit(tile_url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(script_hashes: Sequence[str], tile_url: str | None = None) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([tile_origin(tile_url)] if tile_url else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def install_security(server: Flask, settings: Settings) -> None:
    """Work out the two policies (``server.extensions["portal.csp"]``), which the response
    finisher (portal/api/finish.py) adds to every answer; call after the Dash site is
    attached."""
    dash_app = server.extensions.get("portal.dash")
    # Dash registers clientside callbacks' inline scripts when it sets itself up on the first
    # request, so the hashes are taken when pages are served, not at start-up. Only pages
    # (HTML) draw maps: the tiles' origin is in their policy, not in that of every script,
    # style and API answer, which would carry it for nothing.
    hashes = dash_app.csp_hashes() if dash_app else []
    policies = {True: content_security_policy(hashes, settings.map_tiles),
                False: content_security_policy(hashes)}

    server.extensions["portal.csp"] = policies


def missing_security_headers(present: set[str], policy: str,
                             settings: Settings) -> list[tuple[str, str]]:
    """The security headers an answer lacks, in order, given the lowercased names of those it
    has."""
    missing = [(name, value) for name, value in (*BASE_HEADERS.items(),
                                                 ("Content-Security-Policy", policy))
               if name.lower() not in present]
    if settings.behind_tls and "strict-transport-security" not in present:
        missing.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return missing
