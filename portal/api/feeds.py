"""Whole-catalog documents: DCAT JSON-LD, data package, Atom, sitemap, robots.txt, catalog.csv."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, request

from portal import urls
from portal.api.cache import cached
from portal.api.dcat import catalog_datapackage, dcat_catalog
from portal.api.v1 import current_build
from portal.build.opendata_list import opendata_list_csv
from portal.origin import base_url
from portal.store.current import Build

feeds = Blueprint("feeds", __name__)
ATOM = "http://www.w3.org/2005/Atom"
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


def atom_feed(build: Build, base: str) -> bytes:
    """Published datasets newest first by their modified date."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "ja"})
    newest = sorted(build.published, key=lambda d: (d.meta["modified"], d.id), reverse=True)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = build.portal["title"]["ja"]
    ET.SubElement(feed, f"{{{ATOM}}}id").text = urls.absolute(base, urls.feed())
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self",
                                            "href": urls.absolute(base, urls.feed())})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"href": urls.absolute(base, "/")})
    updated = newest[0].meta["modified"] if newest else build.manifest["built_at"][:10]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{updated}T00:00:00Z"
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = build.portal["publisher"]["ja"]
    for dataset in newest:
        page = urls.absolute(base, urls.dataset_page(dataset.id))
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = dataset.meta["title"]["ja"]
        ET.SubElement(entry, f"{{{ATOM}}}id").text = page
        ET.SubElement(entry, f"{{{ATOM}}}link", {"href": page})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{dataset.meta['modified']}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}published").text = f"{dataset.meta['issued']}T00:00:00Z"
        # What changed, in the words staff wrote for the entry (or "data updated"): the
        # same text as the dataset page's 変更履歴.
        latest = (dataset.meta.get("history") or [None])[0]
        if latest is not None:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = \
                f"{latest['date']}: {latest['summary']['ja']}"
        ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "text"}).text = \
            dataset.meta["description"]["ja"]
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": dataset.meta["category"]})
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


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


@feeds.get("/feed.atom")
@cached
def feed() -> Response:
    return _text(atom_feed(current_build(), base_url()), "application/atom+xml")


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
