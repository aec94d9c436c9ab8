"""What every page layout needs from the request: the current build, the language, its head."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, has_request_context

from portal import urls
from portal.store.current import Build, CurrentBuild, NoBuild
from portal.web.i18n import LANGS, in_lang, lang_of_request, t


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


def register_pages(module: str, layout: Callable[..., Any], *, title: Callable[..., str],
                   description: Callable[..., str], path: str | None = None,
                   path_template: str | None = None) -> None:
    """Register a page at its Japanese path and its English twin under /en/ (CKAN's
    convention): the URL alone decides the language of what is served. (Dash imports only
    page modules whose text contains "register_page", which this name does.)"""
    import dash

    for language in LANGS:
        where = ({"path": urls.page(path, language)} if path is not None else
                 {"path_template": urls.page(str(path_template), language)})
        dash.register_page(module if language == urls.DEFAULT_LANG else f"{module}_{language}",
                           layout=in_lang(layout, language), title=in_lang(title, language),
                           description=in_lang(description, language), **where)
