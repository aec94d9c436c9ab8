"""Small building blocks shared by pages; each returns a component tree."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from portal import urls
from portal.catalog.categories import CATEGORIES
from portal.web.components.quality import quality_badges
from portal.web.i18n import fmt_date, t


def category_label(category: str, lang: str) -> str:
    ja, en = CATEGORIES.get(category, (category, category))
    return en if lang == "en" else ja


def dataset_card(summary: dict[str, Any], lang: str, badges: bool = False) -> html.Article:
    """``badges``: with its quality badges (search results)."""
    title = summary["title"]["en" if lang == "en" and summary["title"]["en"] else "ja"]
    description = summary["description"]["en" if lang == "en" else "ja"]
    first = description.strip().split("\n", 1)[0]
    return html.Article([
        html.H3(html.A(title, href=urls.dataset_page(summary["id"], lang)), className="h5"),
        html.P(first[:160] + ("…" if len(first) > 160 else ""), className="mb-1"),
        html.P([category_label(summary["category"], lang), " · ",
                t("modified", lang), ": ", fmt_date(summary["modified"], lang)],
               className="text-body-secondary small mb-0"),
        quality_badges(summary.get("quality"), lang) if badges else None,
    ], className="border-bottom py-2")


def search_form(language: str, q: str = "") -> html.Form:
    return html.Form([
        dbc.Label(t("search-label", language), html_for="search-q", className="form-label"),
        dbc.InputGroup([
            dbc.Input(id="search-q", name="q", type="search", value=q,
                      placeholder=t("search-placeholder", language)),
            dbc.Button(t("search-button", language), type="submit", color="primary"),
        ]),
    ], action=urls.datasets_search(language), method="get", role="search", className="my-3")
