"""/requests/new — the data-request form: no account, a token, a honeypot, a rate limit.

The callback only moves values: it hands the fields to ``submit_request`` and shows its
answer. A refusal (too long, too many, store unavailable) leaves every field as typed.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, html, no_update
from flask import current_app, request

from portal import urls
from portal.config import Settings
from portal.datarequests.submit import new_token, submit_request
from portal.datarequests.tokens import client_address
from portal.errors import PortalError
from portal.web.components.requests import (
    CONTACT,
    STATUS,
    SUBMIT,
    TOKEN,
    TRAP,
    WHAT,
    WHY,
    receipt,
    refusal,
    request_form,
)
from portal.web.i18n import t
from portal.web.pages._context import description_of, lang, register_pages, title_of


def _settings() -> Settings:
    settings: Settings = current_app.extensions["portal.settings"]
    return settings


def layout(**_: str) -> html.Div:
    language = lang()
    notice: list[Any] = []
    try:
        token = new_token(_settings())
    except PortalError as exc:
        token = ""
        notice = [refusal(exc.code, exc.params, language)]
    return html.Div([
        html.H1(t("request-form-title", language)),
        html.P(t("request-form-intro", language)),
        *notice,
        request_form(language, token),
        html.P(html.A(t("request-form-back", language), href=urls.requests_page(language)),
               className="mt-4"),
    ])


@callback(Output(STATUS, "children"), Output(WHAT, "value"), Output(WHY, "value"),
          Output(CONTACT, "value"), Output(TOKEN, "data"),
          Input(SUBMIT, "n_clicks"), State(WHAT, "value"), State(WHY, "value"),
          State(CONTACT, "value"), State(TRAP, "value"), State(TOKEN, "data"),
          prevent_initial_call=True)
def send_request(clicks: int | None, what: str | None, why: str | None, contact: str | None,
                 website: str | None, token: str | None) -> tuple[Any, ...]:
    language = lang()
    settings = _settings()
    fields = {"what": what, "why": why, "contact": contact, "website": website}
    try:
        taken = submit_request(settings, fields, token, client_address(
            settings, request.remote_addr, request.headers.get("X-Forwarded-For")), language)
    except PortalError as exc:
        return refusal(exc.code, exc.params, language), no_update, no_update, no_update, \
            no_update
    return receipt(taken.reference, taken.duplicate, language), "", "", "", new_token(settings)


register_pages(__name__, layout, path="/requests/new", title=title_of("request-form-title"),
               description=description_of("request-form-description"))
