"""The index advisor reads which filter and sort combinations the rows API was asked."""

from __future__ import annotations

import pytest

from portal.query.rows import OPERATORS
from portal.usage.advice import EQUALITY, OTHER, RANGE, advice_document, advise_indexes, index_shape

LINE = ('10.0.0.{c} - - [01/Dec/2026:10:00:00 +0900] "GET {path} HTTP/1.1" {status} 9 "-" '
        '"{agent}"')


@pytest.mark.parametrize(("query", "shape"), [
    ("town=町03&value__gte=5&_sort_desc=value&_size=100", ("", ("town", "value"))),
    ("value__gte=5&town__exact=町03", ("", ("town", "value"))),
    ("kind__in=a,b&town=x&_sort=day", ("", ("kind", "town", "day"))),
    ("town=x&kind=y", ("", ("kind", "town"))),
    ("town=x&_resource=areas&_sort=value", ("areas", ("town", "value"))),
    ("value__gte=5", None), ("town__contains=x&_sort=value", None), ("_sort=value", None),
    ("value__gte=5&value__lt=9&_sort=value", None),
])
def test_the_index_of_a_rows_query(query: str, shape: tuple | None) -> None:
    assert index_shape(query) == shape


def test_the_operators_are_the_rows_apis() -> None:
    assert set(OPERATORS) == EQUALITY | RANGE | OTHER


def test_only_answered_requests_of_people_count() -> None:
    lines = [LINE.format(c=1, path="/api/v1/datasets/a/rows?town=x&_sort=v", status=200,
                         agent="Mozilla/5.0"),
             LINE.format(c=2, path="/api/v1/datasets/a/rows?town=y&_sort=v", status=200,
                         agent="curl/8"),
             LINE.format(c=3, path="/api/v1/datasets/a/rows?town=y&_sort=v", status=400,
                         agent="curl/8"),
             LINE.format(c=4, path="/api/v1/datasets/a/rows?town=y&_sort=v", status=200,
                         agent="Googlebot/2.1"),
             LINE.format(c=5, path="/api/v1/datasets/b/rows?k=1&_sort=v", status=200,
                         agent="curl/8"),
             LINE.format(c=6, path="/datasets/a.csv?town=x&_sort=v", status=200, agent="x")]
    advice = advise_indexes(("log", n, t) for n, t in enumerate(lines, 1))
    assert advice.requests == 3
    assert advice_document(advice) == {"format": "portal-index-advice/1", "rows_requests": 3,
                                       "datasets": {"a": {"": [{"columns": ["town", "v"],
                                                                "requests": 2}]}}}
    assert advice_document(advice, min_requests=1)["datasets"]["b"] == {
        "": [{"columns": ["k", "v"], "requests": 1}]}
