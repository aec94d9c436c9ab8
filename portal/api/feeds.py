"""Whole-catalog documents: DCAT JSON-LD, data package, Atom, sitemap, robots.txt, catalog.csv."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, send_file

from portal import urls
from portal.api.cache import cached
from portal.api.dcat import catalog_datapackage, dcat_catalog
from portal.api.v1 import base_url, current_build
from portal.store.current import Build

feeds = Blueprint("feeds", __name__)
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
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
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = dataset.meta["description"]["ja"]
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": dataset.meta["category"]})
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def sitemap_xml(build: Build, base: str) -> bytes:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in SITE_PAGES:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = \
            urls.absolute(base, path)
    for dataset in build.published:
        url = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = urls.absolute(
            base, urls.dataset_page(dataset.id))
        ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = dataset.meta["modified"]
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
    build = current_build()
    # A fixed name inside the build directory: nothing from the request reaches the path.
    response = send_file(build.path("catalog.csv"), mimetype="text/csv", conditional=True,
                         download_name=f"{build.portal.get('local_government_code', '')}"
                                       "_opendata_list.csv",
                         as_attachment=True, max_age=300,
                         last_modified=datetime.fromisoformat(build.manifest["built_at"])
                         if "built_at" in build.manifest else datetime.now(UTC))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
