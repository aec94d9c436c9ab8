"""The Solr subset of package_search's q and fq: what CKAN clients send, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.query.solr import QueryError, matches, parse

POPULATION = {"name": ["generated-population"], "tags": ["人口", "テスト"],
              "organization": ["citizens-division"], "res_format": ["CSV", "JSON"],
              "metadata_modified": [datetime(2025, 10, 1, tzinfo=UTC)]}
FACILITIES = {"name": ["generated-facilities"], "tags": ["施設", "テスト"],
              "organization": ["general-affairs-division"], "res_format": ["CSV"],
              "metadata_modified": [datetime(2025, 4, 1, tzinfo=UTC)]}


def _which(query: str, words: frozenset[str] = frozenset()) -> list[str]:
    node = parse(query)
    return [doc["name"][0] for doc in (FACILITIES, POPULATION)
            if matches(node, doc, lambda word: word in words)]


@pytest.mark.parametrize(("query", "expected"), [
    # ckanext-harvest's gather stage after an error-free job (microseconds and Z)
    ("metadata_modified:[2025-09-30T23:59:59.999999Z TO *]", ["generated-population"]),
    ("metadata_modified:[* TO 2025-04-01T00:00:00]", ["generated-facilities"]),
    ("metadata_modified:{* TO 2025-04-01}", []),  # exclusive end
    ("metadata_modified:[2025-04-01 TO 2025-10-01]", ["generated-facilities",
                                                       "generated-population"]),
    # its organization include and exclude filters
    ("organization:citizens-division OR organization:general-affairs-division",
     ["generated-facilities", "generated-population"]),
    ("-organization:citizens-division", ["generated-facilities"]),
    ("NOT organization:citizens-division", ["generated-facilities"]),
    ("organization:(citizens-division OR nobody)", ["generated-population"]),
    ('tags:"人口"', ["generated-population"]),
    ("tags:テスト res_format:JSON", ["generated-population"]),  # juxtaposition is AND
    ("tags:テスト AND -res_format:JSON", ["generated-facilities"]),
    ("+tags:施設", ["generated-facilities"]),
    ("(tags:人口 OR tags:施設) AND organization:citizens-division", ["generated-population"]),
    ("tags:*", ["generated-facilities", "generated-population"]),
    # the include filter and the since range joined by a space, as the gather stage joins
    # them: the organizations' datasets changed since, not one organization or the other's
    # changes (juxtaposition binds loosest; AND binds tighter than OR)
    ("organization:citizens-division OR organization:general-affairs-division "
     "metadata_modified:[* TO 2025-05-01T00:00:00.000000Z]", ["generated-facilities"]),
    ("organization:general-affairs-division OR organization:nobody "
     "metadata_modified:[2025-09-30T23:59:59.999999Z TO *]", []),
    ("tags:人口 AND tags:テスト OR tags:施設", ["generated-facilities", "generated-population"]),
    ("", ["generated-facilities", "generated-population"]),
])
def test_queries_clients_send_select_the_right_packages(query: str, expected: list[str]) -> None:
    assert _which(query) == expected


def test_bare_words_are_free_text_beside_fields() -> None:
    assert _which("郵便 tags:テスト", frozenset({"郵便"})) == ["generated-facilities",
                                                             "generated-population"]
    assert _which("郵便 -tags:人口", frozenset({"郵便"})) == ["generated-facilities"]
    assert parse("人口 統計").is_words() and not parse("人口 OR tags:x").is_words()


@pytest.mark.parametrize(("query", "reason"), [
    ("foo:bar", "field 'foo' is not searchable"),
    ("metadata_modified:[yesterday TO *]", "'yesterday' is not an ISO 8601 date"),
    ("tags:(", "not understood"),
    ("tags:a AND", "not understood at column 8"),
    ("[" * 1200, "nested more than 16 levels deep"),
    ("(" * 17 + "tags:a" + ")" * 17, "nested more than 16 levels deep"),
])
def test_anything_outside_the_subset_is_refused_with_the_reason(query: str, reason: str) -> None:
    with pytest.raises(QueryError, match=reason.replace("(", r"\(").replace("[", r"\[")):
        parse(query)
