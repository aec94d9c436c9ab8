"""Atom feeds people follow: the whole catalog, the catalog narrowed as the search page
narrows it (a category, a keyword, a department, a format, a licence, a standard), and one
dataset's history.

A catalog feed has an entry per dataset, newest first by ``modified``; a dataset's feed has
an entry per item of its history (``changes:`` and the build's "data updated" days), the same
text as the dataset page's 変更履歴. Entries are Japanese with the English beside it where
the catalog has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.etree import ElementTree as ET

from portal import urls
from portal.errors import NotFound
from portal.query.search import FACETS, search
from portal.store.current import Build, DatasetView

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


def _element(parent: ET.Element, tag: str, text: str | None = None,
             **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _feed(title: str, self_url: str, page_url: str, updated: str, author: str) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "ja"})
    _element(feed, "title", title)
    _element(feed, "id", self_url)
    _element(feed, "link", rel="self", href=self_url, type=MEDIA_TYPE)
    _element(feed, "link", rel="alternate", href=page_url, type="text/html")
    _element(feed, "updated", f"{updated}T00:00:00Z")
    _element(_element(feed, "author"), "name", author)
    return feed


def _both(text: Mapping[str, str]) -> str:
    ja, en = text.get("ja", ""), text.get("en", "")
    return f"{ja} / {en}" if en and en != ja else ja


def catalog_feed(build: Build, base: str, filters: Mapping[str, str] | None = None) -> bytes:
    """Published datasets newest first by their modified date; ``filters`` (facet → value)
    narrow them as the search page's facets do (``portal.query.search.FACETS``)."""
    chosen_filters = {name: value for name, value in (filters or {}).items()
                      if name in FACETS and value}
    chosen = {e.id for e in search(build, "", {k: [v] for k, v in chosen_filters.items()},
                                   "relevance", 1, 10**6).items} if chosen_filters else None
    newest = sorted((d for d in build.published if chosen is None or d.id in chosen),
                    key=lambda d: (d.meta["modified"], d.id), reverse=True)
    title = build.portal["title"]["ja"] + (
        " — " + "、".join(chosen_filters.values()) if chosen_filters else "")
    updated = newest[0].meta["modified"] if newest else build.manifest["built_at"][:10]
    feed = _feed(title, urls.absolute(base, urls.feed(chosen_filters)),
                 urls.absolute(base, urls.datasets_search(**chosen_filters)
                               if chosen_filters else urls.home()),
                 updated, build.portal["publisher"]["ja"])
    for dataset in newest:
        page = urls.absolute(base, urls.dataset_page(dataset.id))
        entry = _element(feed, "entry")
        _element(entry, "title", dataset.meta["title"]["ja"])
        _element(entry, "id", page)
        _element(entry, "link", href=page)
        _element(entry, "updated", f"{dataset.meta['modified']}T00:00:00Z")
        _element(entry, "published", f"{dataset.meta['issued']}T00:00:00Z")
        # What changed, in the words staff wrote for the entry (or "data updated"): the
        # same text as the dataset page's 変更履歴.
        latest = (dataset.meta.get("history") or [None])[0]
        if latest is not None:
            _element(entry, "summary", f"{latest['date']}: {latest['summary']['ja']}")
        _element(entry, "content", dataset.meta["description"]["ja"], type="text")
        _element(entry, "category", term=dataset.meta["category"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _published(build: Build, dataset_id: str) -> DatasetView:
    dataset = build.dataset(dataset_id)
    if dataset is None or not dataset.published:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    return dataset


def dataset_feed(build: Build, base: str, dataset_id: str) -> bytes:
    """One entry per item of the dataset's history, newest first."""
    dataset = _published(build, dataset_id)
    page = urls.absolute(base, urls.dataset_page(dataset_id))
    history = dataset.meta.get("history") or []
    updated = history[0]["date"] if history else dataset.meta["modified"]
    feed = _feed(dataset.meta["title"]["ja"], urls.absolute(base, urls.dataset_feed(dataset_id)),
                 page, updated, dataset.meta["publisher"]["ja"])
    for number, item in enumerate(history):
        entry = _element(feed, "entry")
        _element(entry, "title", _both(item["summary"]))
        # Stable per item: the page, the date and the item's place counted from the oldest.
        _element(entry, "id", f"{page}#change-{item['date']}-{len(history) - number}")
        _element(entry, "link", href=page)
        _element(entry, "updated", f"{item['date']}T00:00:00Z")
        _element(entry, "content", f"{item['date']}: {_both(item['summary'])}", type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
