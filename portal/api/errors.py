"""PortalError → HTTP status and one JSON error shape; anything else → a generic 500."""

from __future__ import annotations

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
    values = {"parameter": parameter, **params}
    return {"error": {"code": code,
                      "message": {"ja": render(code, "ja", **values),
                                  "en": render(code, "en", **values)},
                      "parameter": parameter}}


def _json(body: dict[str, Any], status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _ckan_error(code: str, parameter: str | None, status: int, **params: Any) -> Response:
    """CKAN's error envelope: ckanapi maps the __type to its NotFound/ValidationError."""
    message = render(code, "en", parameter=parameter, **params)
    kind = {404: "Not Found Error", 500: "Internal Server Error",
            503: "Service Unavailable"}.get(status, "Validation Error")
    error: dict[str, Any] = {"__type": kind, "message": message}
    if kind == "Validation Error":
        status = 409  # CKAN answers validation errors with 409 Conflict
        if parameter:
            error[parameter] = [message]
    body = {"help": base_url() + "/api/3/action/help_show",
            "success": False, "error": error}
    return _json(body, status)


def _is_ckan() -> bool:
    return urls.surface(request.path) == "ckan"


def error_response(code: str, parameter: str | None, status: int, **params: Any) -> Response:
    """The error ``code`` in the shape of the request's surface (urls.surface): CKAN's
    envelope under /api/3/, the JSON error body elsewhere."""
    if _is_ckan():
        return _ckan_error(code, parameter, status, **params)
    return _json(error_body(code, parameter, **params), status)


def answered(app: Flask, answer: Callable[[], Response], method: str, path: str) -> Response:
    """``answer()``, or the JSON error the handlers below give on a native API path (not
    CKAN, not Dash) for what it raised: the rows fast path (portal/api/fastpath.py) answers
    outside Flask's dispatch and so outside its error handlers."""
    try:
        return answer()
    except PortalError as exc:
        body, status = error_body(exc.code, exc.parameter, **exc.params), exc.status
    except NoBuild:
        body, status = error_body("no-build"), 503
    except Exception:
        log.exception("unhandled error on %s %s", method, path)
        body, status = error_body("internal-error"), 500
    with app.app_context():
        return _json(body, status)


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
            if urls.surface(request.path) == "site" or exc.code is None or exc.code < 400:
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
            return _json(error_body("bad-parameter", "body", value="callback",
                                    reason=type(exc).__name__), 400)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response("internal-error", None, 500)
