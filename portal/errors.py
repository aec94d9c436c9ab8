"""The PortalError family: a request or command problem that carries a message code.

Only the edges (``api/errors.py``, the 404 page and ``cli.py``) turn these into HTTP statuses
and exit codes; everything else raises them.
"""

from __future__ import annotations

from typing import Any


class PortalError(Exception):
    """A problem with what a user asked for, described by a code in ``messages.py``."""

    status = 400

    def __init__(self, code: str, *, parameter: str | None = None, **params: Any) -> None:
        self.code = code
        self.parameter = parameter
        self.params = params
        super().__init__(code)

    def message(self, lang: str = "en") -> str:
        from portal.messages import render

        return render(self.code, lang, parameter=self.parameter, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class NotFound(PortalError):
    status = 404


class Conflict(PortalError):
    status = 409


class Unavailable(PortalError):
    """A published file that is damaged on disk: only that file fails, with 503."""

    status = 503


class UsageError(PortalError):
    """A command line that cannot be carried out (exit code 2)."""

    status = 400
