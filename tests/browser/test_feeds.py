"""A resident finds how to follow a dataset, and the feed it links is one feedparser reads."""

from __future__ import annotations

import feedparser
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def test_a_dataset_page_offers_its_feed_visibly_and_in_the_head(browser: WebDriver,
                                                               live_url: str) -> None:
    browser.get(live_url + "/datasets/generated-population")
    link = WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.ID, "subscribe")))
    assert link.text == "更新を購読(Atom)"
    href = link.get_attribute("href")
    assert href == f"{live_url}/datasets/generated-population/feed.atom"
    alternates = [e.get_attribute("href") for e in browser.find_elements(
        By.CSS_SELECTOR, 'link[rel="alternate"][type="application/atom+xml"]')]
    assert href in alternates
    feed = feedparser.parse(requests.get(href, timeout=10).content)
    assert feed.bozo == 0 and feed.entries


def test_a_filtered_search_offers_the_feed_of_what_it_shows(browser: WebDriver,
                                                            live_url: str) -> None:
    browser.get(live_url + "/datasets?category=population")
    link = WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.ID, "subscribe")))
    feed = feedparser.parse(requests.get(link.get_attribute("href"), timeout=10).content)
    assert [e.link for e in feed.entries] == [f"{live_url}/datasets/generated-population"]
