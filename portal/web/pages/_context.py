"""What every page layout needs from the request: the current build and the language."""

from __future__ import annotations

from flask import current_app

from portal.store.current import Build, CurrentBuild, NoBuild
from portal.web.i18n import lang_of_request


def current_build() -> Build | None:
    store: CurrentBuild = current_app.extensions["portal.store"]
    try:
        return store.get()
    except NoBuild:
        return None


def lang() -> str:
    return lang_of_request()
