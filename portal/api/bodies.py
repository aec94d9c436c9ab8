"""Request bodies: Flask reads them with ``portal.client_json.read_json`` (strict JSON, bounded
nesting), Dash's callback requests and CKAN's POSTs included."""

from __future__ import annotations

from typing import Any

from flask.json.provider import DefaultJSONProvider

from portal.client_json import read_json


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON with ``read_json`` as its reader: ``request.get_json()`` of a body it
    refuses is Flask's 400 (``None`` with ``silent=True``)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return read_json(s)
