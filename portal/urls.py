"""Every public URL of the portal, built in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal
from urllib.parse import quote, urlencode, urlsplit

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"
# Site pages are Japanese at /…, English at /en/… (CKAN's convention); files and APIs have one
# URL for both.
LANG_PREFIX = {"ja": "", "en": "/en"}
DOWNLOAD_SUFFIXES = {"csv": ".csv", "excel-csv": ".excel.csv", "sjis-csv": ".sjis.csv",
                     "json": ".json", "geojson": ".geojson", "xlsx": ".xlsx"}


def dataset_page(dataset_id: str, lang: str = DEFAULT_LANG) -> str:
    return page(f"/datasets/{quote(dataset_id)}", lang)


def download(dataset_id: str, kind: str, resource: str | None = None) -> str:
    """The primary resource at /datasets/<id>.<suffix>, others at /datasets/<id>/<name>.<suffix>."""
    suffix = DOWNLOAD_SUFFIXES[kind]
    if resource is None:
        return f"/datasets/{quote(dataset_id)}{suffix}"
    return f"/datasets/{quote(dataset_id)}/{quote(resource)}{suffix}"


def original(dataset_id: str, filename: str) -> str:
    return f"/datasets/{quote(dataset_id)}/original/{quote(filename)}"


def datapackage(dataset_id: str) -> str:
    return f"/datasets/{quote(dataset_id)}/datapackage.json"


def api_dataset(dataset_id: str) -> str:
    return f"/api/v1/datasets/{quote(dataset_id)}"


def api_rows(dataset_id: str, **params: str) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"/api/v1/datasets/{quote(dataset_id)}/rows{query}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def api_docs() -> str:
    return "/api/docs"


def openapi() -> str:
    return "/api/openapi.json"


def ckan_action(action: str) -> str:
    return f"/api/3/action/{quote(action)}"


def catalog_jsonld() -> str:
    return "/catalog.jsonld"


def catalog_datapackage() -> str:
    return "/datapackage.json"


def catalog_csv() -> str:
    return "/catalog.csv"


def feed(filters: Mapping[str, str] | None = None) -> str:
    """The catalog's Atom feed, narrowed by the search page's facets (``category=…``)."""
    query = urlencode([(k, v) for k, v in (filters or {}).items() if v])
    return "/feed.atom" + (f"?{query}" if query else "")


def dataset_feed(dataset_id: str) -> str:
    return f"/datasets/{quote(dataset_id)}/feed.atom"


def sitemap() -> str:
    return "/sitemap.xml"


def datasets_page() -> str:
    return "/datasets"


Surface = Literal["ckan", "api", "files", "dash", "site"]
CKAN_ROOTS = ("/api/3", "/api/action")
DASH_PREFIXES = ("/_dash-", "/_reload-hash", "/_favicon.ico", "/assets/")
CATALOG_FILES = ("/catalog.jsonld", "/datapackage.json", "/catalog.csv", "/feed.atom",
                 "/sitemap.xml", "/robots.txt")


def surface(path: str) -> Surface:
    """Which part of the portal ``path`` belongs to, and so how its errors look: CKAN's
    envelope under /api/3/ and /api/action/; the JSON error body elsewhere under /api/ and at
    /healthz, for the files (a download /datasets/<id>.csv, /datasets/<id>/<name>.<suffix>,
    an original, a dataset's feed or data package, a use's picture, and the catalog
    documents) and for Dash's own routes (scripts, callbacks); an HTML page for everything
    else (the site's pages: /datasets/<id> is a page, /datasets/<id>.csv a file). /apix or
    /healthzX are pages."""
    if any(path == root or path.startswith(root + "/") for root in CKAN_ROOTS):
        return "ckan"
    if path in ("/api", "/healthz") or path.startswith("/api/"):
        return "api"
    if path in CATALOG_FILES or path.startswith("/uses/images/") or (
            path.startswith("/datasets/") and ("." in path[len("/datasets/"):]
                                               or "/original/" in path)):
        return "files"
    if path.startswith(DASH_PREFIXES):
        return "dash"
    return "site"


def lang_of_path(path: str) -> str:
    """The language a site URL is in: English under /en/, Japanese elsewhere."""
    return "en" if path == "/en" or path.startswith("/en/") else "ja"


def unlocalized(path: str) -> str:
    """The page's path without its language prefix: /en/kpi → /kpi, /en/ → /."""
    if lang_of_path(path) == "en":
        return path[len("/en"):] or "/"
    return path or "/"


def page(path: str, lang: str) -> str:
    """A site page (given by its Japanese path, query string allowed) in ``lang``:
    page("/kpi", "en") → /en/kpi, page("/", "en") → /en/."""
    if lang not in LANGS or lang == DEFAULT_LANG:
        return path
    return LANG_PREFIX[lang] + path


def twin(path: str, lang: str, query: str = "") -> str:
    """The same page as ``path`` (in any language) in ``lang``, keeping the query string."""
    return page(unlocalized(path), lang) + (f"?{query}" if query else "")


def same_site(target: str) -> bool:
    """Whether a redirect to ``target`` stays on this site: a path from the root, nothing a
    browser reads as another host. Browsers drop tabs and line breaks from a URL and read a
    backslash as a slash, so ``/<TAB>/evil`` and ``/\\evil`` are ``//evil``; a control character
    (CR/LF) could also split the Location header. Check the final value, after any prefix
    has been added or removed."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def choose_language(lang: str) -> str:
    """The old language switch; it redirects to the twin page."""
    return f"/lang/{quote(lang)}"


def home(lang: str = DEFAULT_LANG) -> str:
    return page("/", lang)


def kpi_page(lang: str = DEFAULT_LANG) -> str:
    return page("/kpi", lang)


def datasets_search(lang: str = DEFAULT_LANG, **params: str) -> str:
    query = urlencode([(k, v) for k, v in params.items() if v])
    return page("/datasets", lang) + (f"?{query}" if query else "")


def quality_page(lang: str = DEFAULT_LANG) -> str:
    """/quality: each department's datasets, their quality and what to do next (staff)."""
    return page("/quality", lang)


def requests_page(lang: str = DEFAULT_LANG) -> str:
    """The curated data requests and the city's answers."""
    return page("/requests", lang)


def request_form(lang: str = DEFAULT_LANG) -> str:
    return page("/requests/new", lang)


def uses_page(lang: str = DEFAULT_LANG, **filters: str) -> str:
    """The showcase of uses (利活用事例), narrowed by ``kind`` and ``dataset``."""
    query = urlencode([(k, v) for k, v in filters.items() if v])
    return page("/uses", lang) + (f"?{query}" if query else "")


def use_image(filename: str) -> str:
    """A use's picture, copied into the build from the repository's uses/ folder."""
    return f"/uses/images/{quote(filename)}"


def chart_page(dataset_id: str, lang: str = DEFAULT_LANG,
               params: list[tuple[str, str]] | None = None) -> str:
    """A dataset's chart builder, its state in the query string (type, x, y, agg, color,
    filters): the address that draws the same chart again."""
    query = urlencode(params or [])
    return page(f"/datasets/{quote(dataset_id)}/chart", lang) + (f"?{query}" if query else "")


def api_chart(dataset_id: str, params: list[tuple[str, str]] | None = None,
              csv: bool = False) -> str:
    """The aggregated rows of a chart as JSON, or as CSV (``chart.csv``)."""
    query = urlencode(params or [])
    name = "chart.csv" if csv else "chart"
    return f"/api/v1/datasets/{quote(dataset_id)}/{name}" + (f"?{query}" if query else "")
