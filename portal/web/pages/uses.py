"""/uses — apps, maps, articles… made with the data, filtered by kind and dataset."""

from __future__ import annotations

from dash import html

from portal.query.uses import list_uses, use_kinds_in
from portal.web.components.uses import uses_filter, uses_list
from portal.web.i18n import t
from portal.web.pages._context import (
    current_build,
    description_of,
    lang,
    register_pages,
    title_of,
)


def layout(kind: str = "", dataset: str = "", **_: str) -> html.Div:
    language = lang()
    build = current_build()
    kind, dataset = str(kind)[:40], str(dataset)[:100]
    uses = list_uses(build, language, kind=kind, dataset=dataset) if build else []
    every = list_uses(build, language) if build else []
    used = {d["id"]: (d["title"].get(language) or d["title"]["ja"])
            for u in every for d in u["dataset_links"]}
    return html.Div([
        html.H1(t("uses-page-title", language)),
        html.P(t("uses-intro", language)),
        uses_filter(use_kinds_in(build) if build else [], sorted(used.items()), kind, dataset,
                    language),
        uses_list(uses, language),
        html.P(t("uses-tell-us", language), className="small text-body-secondary mt-3"),
    ])


register_pages(__name__, layout, path="/uses", title=title_of("uses-page-title"),
               description=description_of("uses-page-description"))
