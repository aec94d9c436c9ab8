"""/quality — for staff: each department's published datasets, their quality badges and
what to do next (the rules: portal/quality.py, docs/quality.md)."""

from __future__ import annotations

from dash import html

from portal.quality import by_department
from portal.web import ids
from portal.web.components.quality import quality_card
from portal.web.i18n import fmt_date, t
from portal.web.pages._context import (
    current_build,
    description_of,
    lang,
    register_pages,
    title_of,
)


def layout(**_: str) -> html.Div:
    language = lang()
    build = current_build()
    if build is None:
        return html.Div(html.P(t("no-build", language)))
    names = {d["id"]: d["name"] for d in build.portal.get("departments", [])}
    groups = by_department([d.meta for d in build.published])
    as_of = next((items[0]["quality"]["as_of"] for _, items in groups), None)
    sections = []
    for department, items in groups:
        name = names.get(department)
        heading = (name.get(language) or name["ja"]) if name else t("quality-no-department",
                                                                     language)
        done = sum(all(s["code"] == "quality-nothing-to-do" for s in e["quality"]["next_steps"])
                   for e in items)
        sections.append(html.Section([
            html.H2(heading, className="h4 mt-4"),
            html.P(t("quality-page-summary", language, total=len(items), done=done),
                   className="small"),
            *[quality_card(meta, language) for meta in items],
        ], id=f"{ids.QUALITY_DEPARTMENT}-{department or 'none'}"))
    return html.Div([
        html.H1(t("quality-page-title", language)),
        html.P(t("quality-page-intro", language)),
        html.P([t("quality-row-as-of", language), ": ", fmt_date(as_of, language)],
               className="small") if as_of else None,
        *sections,
    ])


register_pages(__name__, layout, path="/quality", title=title_of("quality-page-title"),
               description=description_of("quality-page-description"))
