"""Feeds a resident follows: one dataset, a category, a keyword, a department — read by
feedparser, answered 304 when nothing changed."""

from __future__ import annotations

import feedparser
from flask.testing import FlaskClient


def test_a_dataset_feed_has_an_entry_per_change_newest_first(client: FlaskClient) -> None:
    response = client.get("/datasets/generated-facilities/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0
    assert feed.feed.title == "生成された施設一覧(テスト用)"
    assert feed.feed.links[0].href == "http://localhost/datasets/generated-facilities/feed.atom"
    assert [(e.updated, e.title) for e in feed.entries] == [
        ("2025-04-01T00:00:00Z", "施設を2件追加 / Added 2 facilities"),
        ("2024-04-01T00:00:00Z", "公開 / First published")]
    assert len({e.id for e in feed.entries}) == 2
    assert {e.link for e in feed.entries} == {"http://localhost/datasets/generated-facilities"}


def test_the_catalog_feed_narrows_as_the_search_page_does(client: FlaskClient) -> None:
    for query, expected in (("category=population", ["generated-population"]),
                            ("tag=施設", ["generated-facilities"]),
                            ("category=living&tag=人口", []),
                            ("utm_source=x", ["generated-population",
                                              "generated-facilities"])):
        feed = feedparser.parse(client.get(f"/feed.atom?{query}").data)
        assert feed.bozo == 0
        assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == expected, query
    feed = feedparser.parse(client.get("/feed.atom?category=population").data)
    assert feed.feed.link == "http://localhost/datasets?category=population"


def test_an_unpublished_dataset_has_no_feed(client: FlaskClient) -> None:
    response = client.get("/datasets/nope/feed.atom")
    assert response.status_code == 404


def test_a_reader_polling_an_unchanged_feed_gets_304(client: FlaskClient) -> None:
    for path in ("/feed.atom", "/datasets/generated-population/feed.atom",
                 "/feed.atom?category=population"):
        first = client.get(path)
        assert first.headers["ETag"] and first.headers["Last-Modified"]
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert (again.status_code, again.data) == (304, b"")
        since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert since.status_code == 304
        other = client.get("/feed.atom?category=living",
                           headers={"If-None-Match": first.headers["ETag"]})
        assert other.status_code == 200
