"""What every page layout needs from the request: the current build, the language, its head."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, has_request_context

from portal.store.current import Build, CurrentBuild, NoBuild
from portal.web.i18n import lang_of_request, t


def current_build() -> Build | None:
    store: CurrentBuild = current_app.extensions["portal.store"]
    try:
        return store.get()
    except NoBuild:
        return None


def lang() -> str:
    return lang_of_request()


def title_of(key: str | None) -> Callable[..., str]:
    """A <title> in the reader's language, computed per request (Dash calls it)."""

    def title(**_: Any) -> str:
        language = lang() if has_request_context() else "ja"
        site = t("site-title", language)
        return site if key is None else f"{t(key, language)} — {site}"

    return title


def description_of(key: str) -> Callable[..., str]:
    def description(**_: Any) -> str:
        return t(key, lang() if has_request_context() else "ja")

    return description
