"""PortalError → HTTP status and one JSON error shape; anything else → a generic 500."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from dash.exceptions import CallbackException, DependencyException
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from portal import urls
from portal.errors import PortalError
from portal.messages import render
from portal.origin import base_url
from portal.store.current import NoBuild

log = logging.getLogger(__name__)


def error_body(code: str, parameter: str | None = None, **params: Any) -> dict[str, Any]:
    """The JSON error body of /api/, the files and Dash's routes."""
    values = {"parameter": parameter, **params}
    return {"error": {"code": code,
                      "message": {"ja": render(code, "ja", **values),
                                  "en": render(code, "en", **values)},
                      "parameter": parameter}}


# CKAN's __type per status; ckanapi maps "Not Found Error" and "Validation Error" to its
# NotFound and ValidationError. A parameter CKAN refuses is a 409 Validation Error.
CKAN_TYPES = {404: "Not Found Error", 405: "Method Not Allowed",
              500: "Internal Server Error", 503: "Service Unavailable"}
CKAN_VALIDATION_STATUSES = (400, 409)


def ckan_body(code: str, parameter: str | None, status: int,
              **params: Any) -> tuple[dict[str, Any], int]:
    """CKAN's error envelope and its status: 400 and 409 are CKAN's 409 Validation Error
    naming the parameter; 413 and 414 keep their status as validation errors."""
    message = render(code, "en", parameter=parameter, **params)
    kind = CKAN_TYPES.get(status, "Validation Error")
    error: dict[str, Any] = {"__type": kind, "message": message}
    if status in CKAN_VALIDATION_STATUSES:
        status = 409
        if parameter:
            error[parameter] = [message]
    return {"help": base_url() + "/api/3/action/help_show", "success": False,
            "error": error}, status


def error_page(code: str, parameter: str | None, status: int, **params: Any) -> str:
    """A page's error: a small HTML page in both languages (the site's own 404 page is the
    Dash not-found page; this is every other failure of a page)."""
    values = {"parameter": parameter, **params}
    ja, en = (html.escape(render(code, lang, **values)) for lang in ("ja", "en"))
    return ("<!doctype html><html lang='ja'><head><meta charset='utf-8'>"
            f"<title>{status}</title></head><body><h1>{status}</h1><p>{ja}</p>"
            f"<p lang='en'>{en}</p><p><a href='/'>トップページ / Home</a></p></body></html>")


def _no_store(response: Response, status: int) -> Response:
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def error_response(code: str, parameter: str | None, status: int, *,
                   surface_of: str | None = None, **params: Any) -> Response:
    """The one builder of error answers: ``code`` in the shape of the surface of the path
    ``surface_of`` (the request's, when not given; urls.surface): CKAN's envelope under /api/3/ and
    /api/action/, an HTML page for a site page, the JSON error body elsewhere."""
    where = urls.surface(request.path if surface_of is None else surface_of)
    if where == "ckan":
        body, status = ckan_body(code, parameter, status, **params)
        return _no_store(jsonify(body), status)
    if where == "site":
        return _no_store(Response(error_page(code, parameter, status, **params),
                                  mimetype="text/html"), status)
    return _no_store(jsonify(error_body(code, parameter, **params)), status)


def answered(app: Flask, answer: Callable[[], Response], method: str, path: str) -> Response:
    """``answer()``, or the error the handlers below give for what it raised: the rows fast
    path (portal/api/fastpath.py) answers outside Flask's dispatch and so outside its error
    handlers."""
    try:
        return answer()
    except PortalError as exc:
        code, parameter, status, params = exc.code, exc.parameter, exc.status, exc.params
    except NoBuild:
        code, parameter, status, params = "no-build", None, 503, {}
    except Exception:
        log.exception("unhandled error on %s %s", method, path)
        code, parameter, status, params = "internal-error", None, 500, {}
    with app.app_context():
        return error_response(code, parameter, status, surface_of=path, **params)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(PortalError)
    def portal_error(exc: PortalError) -> Response:
        return error_response(exc.code, exc.parameter, exc.status, **exc.params)

    @app.errorhandler(NoBuild)
    def no_build(exc: NoBuild) -> Response:
        return error_response("no-build", None, 503)

    @app.errorhandler(DependencyException)
    def unknown_script(exc: DependencyException) -> Response:
        # Dash's answer to a script path it does not serve: a client's mistake, not ours.
        return error_response("route-not-found", "path", 404, path=request.path)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response | HTTPException:
        if isinstance(exc, HTTPException):
            if exc.code is None or exc.code < 400:
                return exc
            return error_response("request-refused", None, exc.code, number=exc.code,
                                  reason=exc.name)
        if request.path.startswith("/_dash-update-component") and isinstance(
                exc, KeyError | ValueError | TypeError | IndexError | CallbackException):
            # Dash raises these for a callback request that does not match its callback (a
            # CallbackException when the outputs it names are not the callback's). One line,
            # no traceback: a sign of a forged request, or of a callback returning the wrong
            # shape.
            log.warning("callback request refused: %s: %s", type(exc).__name__,
                        str(exc).splitlines()[0][:200] if str(exc) else "")
            return error_response("bad-parameter", "body", 400, value="callback",
                                  reason=type(exc).__name__)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response("internal-error", None, 500)
