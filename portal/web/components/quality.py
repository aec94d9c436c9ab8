"""A dataset's quality (``quality`` of its manifest entry, portal/quality.py) as badges, as
the dataset page's section, and as one dataset's card on /quality."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html

from portal import urls
from portal.validate.standards import STANDARD_NAMES
from portal.web import ids
from portal.web.i18n import LABELS, fmt_date, fmt_number, t

Quality = Mapping[str, Any]
BADGE = "badge rounded-pill me-1 mb-1 "


def quality_label(value: str, lang: str) -> str:
    """A value of the search facet ``quality`` (``Quality.labels``) in words."""
    key = f"quality-label-{value}"
    return t(key, lang) if key in LABELS else value


def _attrs(**values: str) -> dict[str, Any]:
    """Attributes Python names cannot spell (aria-*, data-*): ``_attrs(aria_hidden="true")``."""
    return {name.replace("_", "-"): value for name, value in values.items()}


def _badge(text: str, tone: str, slug: str) -> html.Li:
    return html.Li(text, className=BADGE + f"text-bg-{tone}", **_attrs(data_quality=slug))


def quality_badges(quality: Quality | None, lang: str) -> html.Ul | None:
    """The badges of a dataset, in the order of docs/quality.md; None before a build
    assessed it."""
    if not quality:
        return None
    n = quality["stars"]
    readable, fresh = quality["machine_readable"], quality["freshness"]
    warnings = sum(w["count"] for w in readable["warnings"])
    stars = html.Li([html.Span("★" * n + "☆" * (5 - n), **_attrs(aria_hidden="true")), " ",
                     t("quality-stars", lang, n=n)],
                    className=BADGE + "text-bg-light border", title=t("quality-stars-long", lang, n=n),
                    **_attrs(data_quality=f"stars-{n}"))
    badges = [stars]
    if readable["state"] == "errors":
        badges.append(_badge(t("quality-errors", lang, n=fmt_number(readable["errors"], lang)),
                             "danger", "errors-in-latest"))
    elif readable["state"] == "warnings":
        badges.append(_badge(t("quality-warnings", lang, n=fmt_number(warnings, lang)),
                             "warning", "warnings"))
    else:
        badges.append(_badge(t("quality-clean", lang), "success", "no-warnings"))
    if fresh["state"] == "late":
        badges.append(_badge(t("quality-late", lang, days=fmt_number(fresh["days_late"], lang)),
                             "danger", "late"))
    elif fresh["state"] == "on-time":
        badges.append(_badge(t("quality-on-time", lang), "success", "on-time"))
    else:
        badges.append(_badge(t("quality-no-frequency", lang), "secondary", "no-frequency"))
    standard = quality.get("standard")
    if standard:
        if standard["complete"]:
            badges.append(_badge(t("quality-standard-complete", lang), "success",
                                 "standard-complete"))
        elif standard["optional_missing"]:
            badges.append(_badge(t("quality-standard-partial", lang,
                                   n=len(standard["optional_missing"])), "info", "standard"))
        else:
            badges.append(_badge(t("quality-standard-differs", lang), "info", "standard"))
    badges.append(_badge(t("quality-english", lang), "success", "english")
                  if quality["english_description"]
                  else _badge(t("quality-no-english", lang), "secondary", "no-english"))
    return html.Ul(badges, className="list-unstyled d-flex flex-wrap mb-1 quality-badges",
                   **_attrs(aria_label=t("quality-badges", lang)))


def _readable(quality: Quality, lang: str) -> list[Any]:
    readable = quality["machine_readable"]
    if readable["state"] == "errors":
        return [t("quality-readable-errors", lang, n=fmt_number(readable["errors"], lang))]
    if readable["state"] == "clean":
        return [t("quality-readable-clean", lang)]
    total = sum(w["count"] for w in readable["warnings"])
    return [t("quality-readable-warnings", lang, n=fmt_number(total, lang)),
            html.Ul([html.Li([html.Code(w["code"]), " ",
                              t("quality-count", lang, n=fmt_number(w["count"], lang))])
                     for w in readable["warnings"]], className="mb-0")]


def _freshness(quality: Quality, lang: str) -> str:
    fresh = quality["freshness"]
    if fresh["state"] == "late":
        return t("quality-fresh-late", lang, days=fmt_number(fresh["days_late"], lang),
                 due=fmt_date(fresh["due"], lang))
    if fresh["state"] == "on-time":
        return t("quality-fresh-on-time", lang, due=fmt_date(fresh["due"], lang))
    return t("quality-fresh-none", lang)


def _standard(quality: Quality, lang: str) -> list[Any]:
    standard = quality.get("standard")
    if not standard:
        return [t("quality-standard-none", lang)]
    ja, en, _ = STANDARD_NAMES.get(standard["type"], (standard["type"], standard["type"], None))
    shown: list[Any] = [t("quality-standard-layout", lang, name=en if lang == "en" else ja,
                          layout=standard["layout"])]
    if standard["optional_missing"]:
        shown += [html.Br(), t("quality-standard-missing", lang,
                               n=len(standard["optional_missing"]),
                               columns="、".join(standard["optional_missing"]))]
    return shown


def quality_section(quality: Quality | None, lang: str) -> html.Section | None:
    """The dataset page's section: the badges, then what each says."""
    if not quality:
        return None
    rows = [
        ("quality-row-stars", [t("quality-stars-long", lang, n=quality["stars"]), html.Br(),
                               html.Small(t("quality-stars-why", lang),
                                          className="text-body-secondary")]),
        ("quality-row-readable", _readable(quality, lang)),
        ("quality-row-freshness", [_freshness(quality, lang)]),
        ("quality-row-standard", _standard(quality, lang)),
        ("quality-row-english", [t("quality-yes" if quality["english_description"]
                                   else "quality-no", lang)]),
        ("quality-row-as-of", [fmt_date(quality["as_of"], lang)]),
    ]
    return html.Section([
        html.H2(t("quality", lang), className="h4"),
        quality_badges(quality, lang),
        html.Table(html.Tbody([html.Tr([html.Th(t(key, lang), scope="row"), html.Td(value)])
                               for key, value in rows]),
                   className="table table-sm", id=ids.QUALITY_TABLE),
        html.P(html.A(t("quality-rules-link", lang), href=urls.quality_page(lang)),
               className="small"),
    ], id=ids.QUALITY)


def quality_card(meta: Mapping[str, Any], lang: str) -> html.Article:
    """One dataset on /quality: its title, badges and next steps (what and how)."""
    quality = meta["quality"]
    title = meta["title"]["en" if lang == "en" and meta["title"]["en"] else "ja"]
    return html.Article([
        html.H3(html.A(title, href=urls.dataset_page(str(meta["id"]), lang)), className="h6"),
        quality_badges(quality, lang),
        html.P(t("quality-next", lang), className="small fw-bold mb-0"),
        html.Ul([html.Li([step["message"][lang], html.Br(),
                          html.Small(step["fix"][lang], className="text-body-secondary")],
                         **_attrs(data_step=step["code"]))
                 for step in quality["next_steps"]], className="mb-0"),
    ], className="border-bottom py-2", id=f"quality-{meta['id']}")
