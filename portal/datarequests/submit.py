"""One submission of the request form: check it, limit it, keep it — the page's one call."""

from __future__ import annotations

import time
from collections.abc import Mapping

from portal.config import Settings
from portal.datarequests.form import check_submission
from portal.datarequests.store import Receipt, open_store
from portal.datarequests.tokens import check_token, client_key, issue_token, requests_key


def new_token(settings: Settings, now: float | None = None) -> str:
    return issue_token(requests_key(settings), time.time() if now is None else now)


def submit_request(settings: Settings, fields: Mapping[str, object], token: object,
                   address: str, lang: str, now: float | None = None) -> Receipt:
    """Store a request typed into the form; ``PortalError`` (a message code) otherwise:
    honeypot, bad token, empty or too long fields, over the limit, store unavailable."""
    moment = time.time() if now is None else now
    submission = check_submission(fields, lang)
    key = requests_key(settings)
    nonce = check_token(key, token, moment)
    return open_store(settings).add(submission, nonce, client_key(key, address), moment,
                                    settings.requests_per_hour)
