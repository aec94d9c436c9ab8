"""What a dataset page carries in the HTML the server sends: JSON-LD and a <noscript> summary.

Search engines and readers without JavaScript get the dataset's name, description and download
links without running the Dash app. Catalog text is untrusted here too: the JSON-LD is escaped
so that ``</script>`` inside a title cannot end the script element, and the summary is escaped
HTML.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from portal import urls
from portal.web.components.markdown import plain_text
from portal.web.i18n import fmt_bytes, t

# Characters that could end or confuse a <script> element; escaped as JSON \u sequences.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                   "\u2029": "\\u2029"}


def _text(value: dict[str, str] | None, lang: str) -> str:
    value = value or {}
    return value.get(lang) or value.get("ja") or ""


def dataset_jsonld(detail: dict[str, Any], lang: str) -> dict[str, Any]:
    """schema.org Dataset of one dataset_detail() result."""
    files = [f for r in detail["resources"] for f in r["files"]
             if f["kind"] in ("csv", "excel-csv", "sjis-csv", "json")]
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": _text(detail["title"], lang),
        "description": plain_text(_text(detail["description"], lang)),
        "url": _in_language(detail["page_url"], lang),
        "identifier": detail["id"],
        "inLanguage": "ja",
        "keywords": list(detail.get("tags", [])),
        "license": detail["license_detail"]["url"] or detail["license"],
        "datePublished": detail["issued"],
        "dateModified": detail["modified"],
        "isAccessibleForFree": True,
        "publisher": {"@type": "GovernmentOrganization",
                      "name": f"鹿沼市 {_text(detail['publisher'], 'ja')}"},
        "spatialCoverage": {"@type": "Place", "name": "栃木県鹿沼市"},
        "distribution": [{"@type": "DataDownload", "name": f["label"],
                          "encodingFormat": f["media_type"], "contentUrl": f["url"],
                          "contentSize": str(f["size"])} for f in files],
    }


def _in_language(url: str, lang: str) -> str:
    """The dataset page's absolute URL in ``lang`` (the page the JSON-LD is embedded in)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=urls.page(parts.path, lang)))


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_SCRIPT_ESCAPES.get(ch, ch) for ch in text)


def jsonld_tag(detail: dict[str, Any], lang: str) -> str:
    return ('<script type="application/ld+json">'
            f"{script_json(dataset_jsonld(detail, lang))}</script>")


def noscript_summary(detail: dict[str, Any], lang: str) -> str:
    """The dataset's title, description and download links as escaped HTML."""
    items = "".join(
        f'<li><a href="{escape(f["url"])}">{escape(f["label"])}</a> '
        f"({escape(fmt_bytes(f['size'], lang))})</li>"
        for r in detail["resources"] for f in r["files"])
    return (f"<noscript><main><h1>{escape(_text(detail['title'], lang))}</h1>"
            f"<p>{escape(plain_text(_text(detail['description'], lang)))}</p>"
            f"<h2>{escape(t('downloads', lang))}</h2><ul>{items}</ul></main></noscript>")


def feed_links(base: str, feeds: list[tuple[str, str]]) -> str:
    """``<link rel="alternate">`` to the Atom feeds of the page, (title, path) each: feed
    readers and browsers find them from any page."""
    return "".join(f'<link rel="alternate" type="application/atom+xml" '
                   f'title="{escape(title)}" href="{escape(urls.absolute(base, path))}">'
                   for title, path in feeds)


def language_links(base: str, path: str, query: str = "") -> str:
    """The page's canonical URL and its language twins (hreflang ja, en, x-default → ja),
    absolute, keeping the query string: what crawlers need to index both languages."""

    def href(lang: str) -> str:
        return escape(urls.absolute(base, urls.twin(path, lang, query)))

    canonical = escape(urls.absolute(base, urls.twin(path, urls.lang_of_path(path), query)))
    links = [f'<link rel="canonical" href="{canonical}">']
    links += [f'<link rel="alternate" hreflang="{lang}" href="{href(lang)}">'
              for lang in urls.LANGS]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{href(urls.DEFAULT_LANG)}">')
    return "".join(links)
