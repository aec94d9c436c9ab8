"""Issue #22 item 17: a failed If-Match carries no file, and several ranges get the whole
file rather than a 416."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

CSV = "/datasets/generated-facilities.csv"


@pytest.mark.parametrize("url", [CSV, "/datasets/generated-facilities.json",
                                 "/datasets/generated-facilities/datapackage.json"])
@pytest.mark.parametrize("if_match", ['"junk"', 'W/"junk"', '"a", "b"'])
def test_a_failed_if_match_is_a_412_without_the_file(client: FlaskClient, url: str,
                                                     if_match: str) -> None:
    response = client.get(url, headers={"If-Match": if_match})
    assert response.status_code == 412
    assert response.get_data() == b""
    assert response.headers["Content-Length"] == "0"


def test_a_matching_if_match_gets_the_file(client: FlaskClient) -> None:
    whole = client.get(CSV)
    response = client.get(CSV, headers={"If-Match": whole.headers["ETag"]})
    assert (response.status_code, response.get_data()) == (200, whole.get_data())


@pytest.mark.parametrize("ranges", ["bytes=0-0,1-1", "bytes=0-1,5-9,20-", "bytes=-5,0-0"])
def test_several_ranges_get_the_whole_file(client: FlaskClient, ranges: str) -> None:
    whole = client.get(CSV).get_data()
    response = client.get(CSV, headers={"Range": ranges})
    assert response.status_code == 200
    assert response.get_data() == whole
    assert "Content-Range" not in response.headers


def test_one_range_is_still_a_206(client: FlaskClient) -> None:
    whole = client.get(CSV).get_data()
    response = client.get(CSV, headers={"Range": "bytes=2-5"})
    assert (response.status_code, response.get_data()) == (206, whole[2:6])
    assert response.headers["Content-Range"] == f"bytes 2-5/{len(whole)}"
