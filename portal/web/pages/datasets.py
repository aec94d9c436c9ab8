"""/datasets — search and browse; the whole state lives in the query string."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import html

from portal import urls
from portal.catalog.licenses import LICENSES
from portal.query.kpi import published_datasets
from portal.query.search import FACETS, SORTS, SearchResult, dataset_summary, search
from portal.query.usage import usage_of
from portal.store.current import Build
from portal.web import ids
from portal.web.components.blocks import category_label, dataset_card, search_form
from portal.web.components.quality import quality_label
from portal.web.components.search_aside import filters_aside, no_results
from portal.web.i18n import t
from portal.web.pages._context import (
    current_build,
    description_of,
    lang,
    register_pages,
    title_of,
)

PAGE_SIZE = 20


def _href(state: dict[str, list[str]], **changes: list[str]) -> str:
    merged = {**state, **changes}
    language = merged.pop("lang", [urls.DEFAULT_LANG])[0]
    pairs = [(k, v) for k, values in merged.items() for v in values if v]
    return urls.datasets_search(language) + (f"?{urlencode(pairs)}" if pairs else "")


def _facet_label(name: str, value: str, language: str,
                 departments: dict[str, str] | None = None) -> str:
    if name == "category":
        return category_label(value, language)
    if name == "publisher" and language == "en":
        return (departments or {}).get(value, value)
    if name == "quality":
        return quality_label(value, language)
    if name == "license" and value in LICENSES:
        return LICENSES[value].en if language == "en" else LICENSES[value].ja
    return value


def _generated_note(build: Build, result: SearchResult, language: str) -> list[html.Span]:
    """Datasets the portal makes (the monthly count) are listed but not counted as published:
    said beside the number of results, so the list and the published count agree."""
    generated = sum(1 for d in result.matched if (found := build.dataset(d)) is not None
                    and found.meta.get("generated"))
    if not generated:
        return []
    published = published_datasets(build, date.today())
    return [html.Span(["(", t("results-generated", language, generated=generated,
                             published=published), ")"], id=ids.RESULTS_GENERATED)]


def layout(**params: str) -> html.Div:
    language = lang()
    build = current_build()
    if build is None:
        return html.Div(html.P(t("no-build", language)))
    q = params.get("q", "")
    sort = params.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    page = int(params["page"]) if params.get("page", "").isdigit() and int(params["page"]) else 1
    filters = {name: [params[name]] for name in FACETS if params.get(name)}
    result = search(build, q, filters, sort, page, PAGE_SIZE, language)
    state = {"lang": [language], "q": [q], "sort": [sort if sort != "relevance" else ""],
             **{k: v for k, v in filters.items()}}
    # Publisher facet values are the departments' Japanese names; English pages show theirs.
    departments = {d["name"]["ja"]: d["name"]["en"]
                   for d in build.portal.get("departments", [])}

    def facet_blocks() -> list[Any]:
        blocks: list[Any] = []
        for name in FACETS:
            values = result.facets.get(name, [])
            if not values:
                continue
            chosen = filters.get(name, [])
            blocks.append(html.Nav([
                html.H3(t(f"facet-{name}", language), className="h6 mt-3"),
                html.Ul([html.Li(html.A(
                    f"{_facet_label(name, value, language, departments)} ({count})",
                    href=_href(state, **{name: [] if value in chosen else [value]}, page=[]),
                    className="active" if value in chosen else None,
                    **({"aria-current": "true"} if value in chosen else {})))
                    for value, count in values], className="list-unstyled facet"),
            ], **{"aria-label": t(f"facet-{name}", language)}))
        return blocks + ([html.A(t("clear-filters", language),
                                 href=urls.datasets_search(language))] if filters or q else [])
    pages = max(1, -(-result.total // PAGE_SIZE))
    pager = html.Nav(html.Ul([
        html.Li(html.A(t("previous", language), href=_href(state, page=[str(page - 1)]),
                       className="page-link"), className="page-item")
        if page > 1 else None,
        html.Li(html.Span(f"{page} / {pages}", className="page-link"), className="page-item"),
        html.Li(html.A(t("next", language), href=_href(state, page=[str(page + 1)]),
                       className="page-link"), className="page-item")
        if page < pages else None,
    ], className="pagination"), **{"aria-label": "pagination"})
    return html.Div([
        html.H1(t("nav-datasets", language)),
        search_form(language, q),
        dbc.Row([
            dbc.Col(filters_aside(facet_blocks, len(filters), language), md=3),
            dbc.Col([
                html.P([html.Span(t("results", language, n=result.total),
                                  **{"aria-live": "polite"}), *_generated_note(build, result,
                                                                               language),
                        " · ", t("sort", language), ": ",
                        *[html.Span([html.A(t(f"sort-{s}", language),
                                            href=_href(state, sort=[s], page=[]),
                                            **({"aria-current": "true"} if s == sort else {})),
                                     " "]) for s in SORTS
                          if s != "downloads" or usage_of(build).downloads]]),
                *[dataset_card(dataset_summary(d), language, badges=True) for d in result.items],
                *([no_results(language)] if result.total == 0 else []),
                pager,
                html.A(t("subscribe", language),
                       href=urls.feed({k: v[0] for k, v in filters.items()}),
                       rel="alternate", id=ids.SUBSCRIBE),
            ], md=9),
        ]),
    ])


register_pages(__name__, layout, path="/datasets", title=title_of("nav-datasets"),
               description=description_of("datasets-description"))
