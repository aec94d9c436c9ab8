"""Issue #22 item 3: the old language switch never redirects off the site, whatever ``next``
becomes once its language prefix is removed or added and its escapes decoded."""

from __future__ import annotations

import logging

import pytest
from flask.testing import FlaskClient

from portal import urls


@pytest.mark.parametrize(("url", "location"), [
    ("/lang/ja?next=/en//example.invalid/", "/"),  # /en removed: //example.invalid/
    ("/lang/ja?next=/%09/example.invalid/", "/"),  # a browser drops the tab
    ("/lang/ja?next=/%0a/x", "/"),  # a line break in Location: was a 500
    ("/lang/ja?next=/%0d%0aSet-Cookie:%20a=1", "/"),
    ("/lang/ja?next=/%5C/example.invalid/", "/"),  # a backslash reads as a slash
    ("/lang/en?next=/%09/example.invalid/", "/en/"),
    ("/lang/ja?next=https://example.invalid/", "/"),
])
def test_a_next_that_leaves_the_site_redirects_to_the_language_home(
        client: FlaskClient, caplog: pytest.LogCaptureFixture, url: str, location: str) -> None:
    with caplog.at_level(logging.WARNING):
        response = client.get(url)
    assert (response.status_code, response.headers["Location"]) == (302, location)
    assert caplog.records == []


@pytest.mark.parametrize(("url", "location"), [
    ("/lang/en?next=/datasets?q=%E4%BA%BA%E5%8F%A3", "/en/datasets?q=人口"),
    ("/lang/ja?next=/en/kpi", "/kpi"),
    ("/lang/en?next=/en//example.invalid/", "/en//example.invalid/"),  # a path of this site
])
def test_a_same_site_next_still_leads_to_its_twin(client: FlaskClient, url: str,
                                                  location: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].replace("%E4%BA%BA%E5%8F%A3", "人口") == location


@pytest.mark.parametrize(("target", "safe"), [
    ("/", True), ("/en/datasets?q=a//b", True), ("//x", False), ("/\t/x", False),
    ("/\n/x", False), ("/\\x", False), ("x", False), ("", False), ("/a\x7fb", False),
])
def test_same_site_judges_the_final_address(target: str, safe: bool) -> None:
    assert urls.same_site(target) is safe
