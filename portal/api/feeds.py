"""Whole-catalog documents: DCAT JSON-LD, data package, Atom, sitemap, robots.txt, catalog.csv."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, request

from portal import urls
from portal.api.cache import cached
from portal.api.dcat import catalog_datapackage, dcat_catalog
from portal.api.v1 import current_build
from portal.opendata_list import opendata_list_csv
from portal.origin import base_url
from portal.query.feeds import MEDIA_TYPE as FEED_TYPE
from portal.query.feeds import catalog_feed, dataset_feed
from portal.query.search import FACETS
from portal.store.current import Build

feeds = Blueprint("feeds", __name__)
View = TypeVar("View", bound=Callable[..., Response])
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
SITE_PAGES = ("/", "/datasets", "/kpi", "/about", "/developers")


def _text(body: str | bytes, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _json(body: object, mimetype: str = "application/json") -> Response:
    return _text(json.dumps(body, ensure_ascii=False, indent=1), mimetype)


@feeds.get("/catalog.jsonld")
@cached
def catalog_jsonld() -> Response:
    return _json(dcat_catalog(current_build(), base_url()), "application/ld+json")


@feeds.get("/datapackage.json")
@cached
def datapackage() -> Response:
    return _json(catalog_datapackage(current_build(), base_url()))


def sitemap_xml(build: Build, base: str) -> bytes:
    """Every page in both languages, each naming its twins (xhtml:link hreflang)."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    pages = [(path, None) for path in SITE_PAGES] + [
        (urls.dataset_page(d.id), d.meta["modified"]) for d in build.published]
    for path, modified in pages:
        twins = {lang: urls.absolute(base, urls.page(path, lang)) for lang in urls.LANGS}
        twins["x-default"] = twins[urls.DEFAULT_LANG]
        for lang in urls.LANGS:
            url = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = twins[lang]
            if modified:
                ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = modified
            for twin, href in twins.items():
                ET.SubElement(url, f"{{{XHTML}}}link",
                              {"rel": "alternate", "hreflang": twin, "href": href})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def conditional(view: View) -> View:
    """Answer a feed reader's conditional GET without building the feed: a feed changes only
    with the build, so its ETag is the build, base URL and full path, and its Last-Modified
    the build's time. Readers poll every few minutes; a 304 costs nothing."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        build = current_build()
        tag = hashlib.sha256(f"{build.build_id} {base_url()} {request.full_path}".encode()
                             ).hexdigest()[:32]
        built = datetime.fromisoformat(build.manifest["built_at"]) \
            if "built_at" in build.manifest else None
        if request.if_none_match.contains(tag) or (
                not request.if_none_match and built is not None
                and request.if_modified_since is not None
                and built.replace(microsecond=0) <= request.if_modified_since):
            response = Response(status=304)
        else:
            response = view(*args, **kwargs)
        response.set_etag(tag)
        if built is not None:
            response.last_modified = built
        return response

    return cast(View, wrapper)


@feeds.get("/feed.atom")
@conditional
@cached
def feed() -> Response:
    """The whole catalog, or the datasets a search page's facets choose (?category=…)."""
    filters = {name: request.args[name] for name in FACETS if request.args.get(name)}
    return _text(catalog_feed(current_build(), base_url(), filters), FEED_TYPE)


@feeds.get("/datasets/<dataset_id>/feed.atom")
@conditional
@cached
def dataset_feed_view(dataset_id: str) -> Response:
    """One dataset's history, for people who use it."""
    return _text(dataset_feed(current_build(), base_url(), dataset_id), FEED_TYPE)


@feeds.get("/sitemap.xml")
@cached
def sitemap() -> Response:
    return _text(sitemap_xml(current_build(), base_url()), "application/xml")


@feeds.get("/robots.txt")
def robots() -> Response:
    # The row API pages are endless combinations of filters: crawlers get the files instead.
    body = ("User-agent: *\nDisallow: /api/\nDisallow: /_dash\n"
            f"Sitemap: {urls.absolute(base_url(), urls.sitemap())}\n")
    return _text(body, "text/plain")


@feeds.get("/catalog.csv")
def catalog_csv() -> Response:
    """06 オープンデータ一覧, written per origin: its URL column is absolute (the configured
    base URL, else the request's host), as the standard expects."""
    build = current_build()
    base = base_url()
    body = opendata_list_csv(build.portal, build.manifest.get("datasets", []), base)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f"attachment; filename={build.portal.get('local_government_code', '')}"
        "_opendata_list.csv")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.set_etag(hashlib.sha256(f"{build.build_id} {base}".encode()).hexdigest())
    response.last_modified = (datetime.fromisoformat(build.manifest["built_at"])
                              if "built_at" in build.manifest else datetime.now(UTC))
    response.cache_control.public = True
    response.cache_control.max_age = 300
    response.make_conditional(request)
    return response
