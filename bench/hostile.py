"""Generated hostile requests (hypothesis strategies) for the three surfaces that read what
clients write: the Dash callback endpoint, the rows filters and the CKAN parameters.

``tests/hostile/test_api_fuzz.py`` and ``test_web_fuzz.py`` run each target with a bounded
budget (the ``hostile`` settings profile: 200 derandomized examples) in ``make test``;
``python -m bench.fuzz --cases N`` runs them with a large one. A case fails when the answer
is a 5xx or the portal logged an error (a traceback) while answering it.
"""

from __future__ import annotations

import base64
import json
import logging
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

import orjson
from dash._utils import split_callback_id
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from portal.api.ckan import ACTIONS, FACET_FIELDS, SORT_FIELDS
from portal.query.rows import OPERATORS, RESERVED
from portal.web.callback_types import parameter_types

settings.register_profile(
    "hostile", max_examples=200, derandomize=True, deadline=None, database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much])
UPDATE = "/_dash-update-component"
# No lone surrogates: neither a URL nor JSON in UTF-8 can carry one.
UNICODE = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
# Texts that have broken parsers before: numbers past every limit, escapes, separators.
NASTY = st.sampled_from([
    "", " ", "0", "-0", "1e400", "-1e400", "NaN", "Infinity", "9223372036854775808",
    "-9223372036854775809", "99999999999999999999999999", "1.5", "0x10", "1_000", "１２",
    "２０２４-０１-０１", "2024-02-30", "2024-01-01", "2024-01-01T00:00:00", "true", "null",
    "[]", "{}", "[" * 1200, "%00", "\x00", "%ED%A0%80", "'", '"', "\\", "%", "_", "*", ",", ",,",
    "a,b", "\t", "\n", "//example.invalid", "../", "中央", "ｶﾀｶﾅ", "😀", "\u202e"])
TEXT = st.one_of(NASTY, UNICODE, st.integers().map(str),
                 st.floats(allow_nan=True, allow_infinity=True).map(repr))
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**63),
                                                              max_value=2**64 - 1),
                        st.floats(allow_nan=False, allow_infinity=False), TEXT)
JSON = st.recursive(JSON_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)


@dataclass
class Tally:
    """Cases sent, statuses, and the failing cases (a 5xx or a logged error)."""

    cases: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, status: int, case: str, errors: list[logging.LogRecord]) -> None:
        self.cases += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status >= 500 or errors:
            logged = "; ".join(r.getMessage()[:120] for r in errors)
            self.failures.append(f"{status} {case[:300]} {logged}")

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class _Errors(logging.Handler):
    """The error records (tracebacks) logged while a case is answered."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def logged_errors() -> Iterator[list[logging.LogRecord]]:
    handler = _Errors()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)


# --- Dash callbacks ---------------------------------------------------------------------------


def server_callbacks(dash_app: Any) -> dict[str, dict[str, Any]]:
    """The callbacks the server runs (not those run in the browser), by output."""
    return {k: v for k, v in dash_app.callback_map.items() if "callback" in v}


def _items(prop: dict[str, str], value: Any) -> Any:
    if not prop["id"].startswith("{"):
        return {"id": prop["id"], "property": prop["property"], "value": value}
    # A pattern (ALL): one entry per matched component; an "id" value names the component.
    pattern = json.loads(prop["id"])
    values = value if isinstance(value, list) else [value]
    kinds = ["chart", "map"]
    return [{"id": v if prop["property"] == "id" and isinstance(v, dict) else
             {k: (kinds[n % 2] if isinstance(p, list) else p) for k, p in pattern.items()},
             "property": prop["property"], "value": v} for n, v in enumerate(values)]


def callback_body(dash_app: Any, output: str, values: list[Any]) -> dict[str, Any]:
    """The body Dash's renderer would post for the callback of ``output`` with ``values``
    for its inputs and states, in order."""
    callback = dash_app.callback_map[output]
    inputs, states = callback["inputs"], callback["state"]
    items = [_items(p, v) for p, v in zip([*inputs, *states], values, strict=True)]
    outputs = split_callback_id(output)
    if isinstance(outputs, dict) and outputs["id"].startswith("{"):
        matched = next((i for i in items if isinstance(i, list)), [])
        outputs = [{"id": i["id"], "property": outputs["property"]} for i in matched]
    elif isinstance(outputs, list):
        # Several outputs, some matching a pattern (ALL): each gets the components of the
        # state or input list whose ids are of its type.
        outputs = [_matched(o, items) if o["id"].startswith("{") else o for o in outputs]
    return {"output": output, "outputs": outputs, "inputs": items[:len(inputs)],
            "state": items[len(inputs):],
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}


def _matched(output: dict[str, Any], items: list[Any]) -> list[dict[str, Any]]:
    kind = json.loads(output["id"]).get("type")
    matched = next((i for i in items if isinstance(i, list) and i
                    and isinstance(i[0]["id"], dict) and i[0]["id"].get("type") == kind), [])
    return [{"id": i["id"], "property": output["property"]} for i in matched]


def from_hint(hint: Any, words: list[str]) -> st.SearchStrategy[Any]:
    """Values of the annotation ``hint`` (strings drawn partly from ``words``: columns,
    dataset ids, paths), and now and then any JSON value instead."""
    return st.one_of(_typed(hint, words), JSON) if hint is not Any else JSON


def _typed(hint: Any, words: list[str]) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if hint is None or hint is type(None):
        return st.none()
    if origin is typing.Annotated:  # half of them pass the predicates
        return _typed(typing.get_args(hint)[0], words)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of(*(_typed(h, words) for h in typing.get_args(hint)))
    if origin is Literal:
        return st.sampled_from(typing.get_args(hint))
    if origin is list:
        return st.lists(from_hint(typing.get_args(hint)[0], words), max_size=3)
    if origin is dict:
        return st.dictionaries(st.one_of(st.sampled_from(words), TEXT),
                               from_hint(typing.get_args(hint)[1], words), max_size=3)
    if isinstance(hint, type) and hasattr(hint, "__required_keys__"):
        hints = typing.get_type_hints(hint, include_extras=True)
        required = {k: from_hint(hints[k], words) for k in hint.__required_keys__}
        optional = {k: from_hint(hints[k], words) for k in hints if k not in required}
        return st.fixed_dictionaries(required, optional=optional)
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(min_value=-(2**63), max_value=2**64 - 1)
    if hint is float:
        return st.one_of(st.integers(min_value=-(2**63), max_value=2**63),
                         st.floats(allow_nan=False, allow_infinity=False))
    if hint is str:
        return st.one_of(st.sampled_from(words), TEXT)
    return JSON


def callback_cases(dash_app: Any, words: list[str]) -> st.SearchStrategy[Any]:
    """Bodies for every callback the server runs: well-formed envelopes with generated
    values, and now and then any JSON at all."""
    def bodies(output: str, hints: list[Any]) -> st.SearchStrategy[dict[str, Any]]:
        return st.tuples(*(from_hint(h, words) for h in hints)).map(
            lambda values: callback_body(dash_app, output, list(values)))

    per_callback = [bodies(output, [h for _, h in parameter_types(callback["callback"])])
                    for output, callback in sorted(server_callbacks(dash_app).items())]
    return st.one_of(*per_callback, *per_callback, JSON)


def send_callback(client: FlaskClient, body: Any, referer: str) -> tuple[int, str]:
    data = orjson.dumps(body)
    response = client.post(UPDATE, data=data, content_type="application/json",
                           headers={"Referer": referer})
    return response.status_code, f"POST {UPDATE} {data[:400]!r}"


# --- rows filters -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    dataset: str
    resource: str | None  # None: the primary resource
    columns: tuple[str, ...]


def tables_of(app: Flask) -> list[Table]:
    """Every published table of the app's build."""
    build = app.extensions["portal.store"].get()
    return [Table(d.id, None if r is d.primary else r.name, tuple(r.field_names))
            for d in build.published for r in d.resources if r.file("sqlite") is not None]


def _cursor() -> st.SearchStrategy[str]:
    """Cursors as a client could write them: base64 of any JSON, often of the cursor's
    shape (sort value, rowid, total, tag) with numbers past every limit."""
    shaped = st.tuples(JSON_LEAVES, st.integers(min_value=-(2**63), max_value=2**64 - 1),
                       st.one_of(st.none(), st.integers(min_value=-(2**63),
                                                        max_value=2**64 - 1)), TEXT)
    return st.one_of(shaped, JSON).map(
        lambda v: base64.urlsafe_b64encode(orjson.dumps(list(v) if isinstance(v, tuple)
                                                        else v)).decode().rstrip("="))


def rows_cases(tables: list[Table]) -> st.SearchStrategy[tuple[Table, list[tuple[str, str]],
                                                               bool]]:
    """(table, query pairs, follow next_url) over the build's real tables."""

    def pairs(table: Table) -> st.SearchStrategy[list[tuple[str, str]]]:
        columns = st.sampled_from(table.columns)
        filters = st.tuples(st.tuples(columns, st.sampled_from(sorted(OPERATORS))).map(
            lambda c: f"{c[0]}__{c[1]}"), TEXT)
        exact = st.tuples(columns, TEXT)
        reserved = st.tuples(st.sampled_from(sorted(RESERVED)),
                             st.one_of(columns, TEXT, _cursor()))
        unknown = st.tuples(TEXT, TEXT)
        size = st.tuples(st.just("_size"), st.one_of(st.integers(0, 1001).map(str), TEXT))
        cursor = st.tuples(st.just("_next"), _cursor())
        return st.lists(st.one_of(filters, filters, exact, reserved, size, cursor, unknown),
                        max_size=6)

    return st.sampled_from(tables).flatmap(
        lambda t: st.tuples(st.just(t), pairs(t), st.booleans()))


def send_rows(client: FlaskClient, case: tuple[Table, list[tuple[str, str]], bool]
              ) -> list[tuple[int, str]]:
    table, pairs, follow = case
    query = [*pairs, *([("_resource", table.resource)] if table.resource else [])]
    url = f"/api/v1/datasets/{table.dataset}/rows"
    response = client.get(url, query_string=query)
    sent = [(response.status_code, f"GET {url} {query!r}")]
    body = response.get_json(silent=True) or {}
    if follow and response.status_code == 200 and body.get("next_url"):
        following = client.get(body["next_url"])
        sent.append((following.status_code, f"GET {body['next_url']}"))
    return sent


# --- CKAN parameters --------------------------------------------------------------------------


def datastore_cases(tables: list[Table]) -> st.SearchStrategy[tuple[str, str, Any]]:
    """datastore_search over the build's tables: filters, q, fields, sort as JSON text or
    any JSON, limit, offset, include_total, records_format."""
    def params(table: Table) -> st.SearchStrategy[dict[str, Any]]:
        name = f"{table.dataset}{'/' + table.resource if table.resource else ''}.csv"
        columns = st.sampled_from(table.columns)
        filters = st.dictionaries(columns, st.one_of(JSON_LEAVES, st.lists(JSON_LEAVES,
                                                                         max_size=3)),
                                  max_size=3)
        json_text = st.one_of(filters, JSON).map(lambda v: orjson.dumps(v).decode())
        return st.fixed_dictionaries({"resource_id": st.one_of(st.just(name), TEXT)}, optional={
            "filters": st.one_of(json_text, filters, TEXT), "q": st.one_of(TEXT, json_text),
            "fields": st.one_of(st.lists(columns, max_size=3).map(",".join), json_text, TEXT),
            "sort": st.one_of(columns.map(lambda c: f"{c} desc"), TEXT),
            "limit": st.one_of(st.integers(-5, 2000).map(str), TEXT),
            "offset": st.one_of(st.integers(-5, 10**6).map(str), TEXT),
            "include_total": TEXT, "records_format": st.one_of(
                st.sampled_from(["objects", "lists", "csv"]), TEXT)})

    return st.tuples(st.sampled_from(["GET", "POST"]), st.just("datastore_search"),
                     st.sampled_from(tables).flatmap(params))


def ckan_cases(ids: list[str], tables: list[Table] | None = None
               ) -> st.SearchStrategy[tuple[str, str, Any]]:
    """(method, action, parameters): package_search's q/fq/rows/start/sort/facet.field,
    package_show's id and (given ``tables``) datastore_search's parameters, as query strings
    (GET) or JSON bodies of any value types (POST)."""
    number = st.one_of(st.integers(-5, 2000).map(str), TEXT)
    fq = st.one_of(st.tuples(st.sampled_from([*FACET_FIELDS, "name", "id", "x"]), TEXT).map(
        lambda t: f'{t[0]}:"{t[1]}"' if " " in t[1] else f"{t[0]}:{t[1]}"), TEXT)
    sort = st.one_of(st.lists(st.tuples(st.sampled_from(SORT_FIELDS),
                                        st.sampled_from(["asc", "desc", "", "up"])).map(
        " ".join), max_size=3).map(",".join), TEXT)
    facet = st.one_of(st.lists(st.sampled_from([*FACET_FIELDS, "x"]), max_size=3).map(
        json.dumps), TEXT)
    search_get = st.fixed_dictionaries({}, optional={
        "q": TEXT, "fq": fq, "rows": number, "start": number, "sort": sort,
        "facet.field": facet})
    search_post = st.fixed_dictionaries({}, optional={
        k: st.one_of(JSON, v) for k, v in (("q", TEXT), ("fq", fq), ("rows", number),
                                           ("start", number), ("sort", sort),
                                           ("facet.field", facet))})
    show = st.fixed_dictionaries({}, optional={"id": st.one_of(st.sampled_from(ids), TEXT),
                                               "name": TEXT})
    other = st.tuples(st.sampled_from(["GET", "POST"]),
                      st.one_of(st.sampled_from(sorted(ACTIONS)), TEXT),
                      st.dictionaries(TEXT, TEXT, max_size=3))
    return st.one_of(
        *([datastore_cases(tables)] if tables else []),
        st.tuples(st.just("GET"), st.just("package_search"), search_get),
        st.tuples(st.just("POST"), st.just("package_search"), st.one_of(search_post, JSON)),
        st.tuples(st.sampled_from(["GET", "POST"]), st.just("package_show"), show),
        other)


def send_ckan(client: FlaskClient, case: tuple[str, str, Any]) -> tuple[int, str]:
    method, action, params = case
    url = f"/api/3/action/{quote(action, safe='')}"
    if method == "GET":
        response = client.get(url, query_string={k: v if isinstance(v, str) else
                                                 orjson.dumps(v).decode()
                                                 for k, v in params.items()})
    else:
        response = client.post(url, data=orjson.dumps(params), content_type="application/json")
    return response.status_code, f"{method} {url} {params!r}"


# --- running ----------------------------------------------------------------------------------


Sender = Callable[[Any], list[tuple[int, str]]]


def run_target(strategy: st.SearchStrategy[Any], send: Sender, cases: int,
               tally: Tally) -> Tally:
    """``cases`` generated cases (derandomized: the same ones each run) sent with ``send``,
    counted in ``tally``."""

    @given(case=strategy)
    @settings(settings.get_profile("hostile"), max_examples=cases)
    def one(case: Any) -> None:
        with logged_errors() as errors:
            answers = send(case)
        for status, text in answers:
            tally.add(status, text, errors)

    one()
    return tally


def targets(app: Flask) -> dict[str, tuple[st.SearchStrategy[Any], Sender]]:
    """The three fuzz targets over ``app`` (its build's tables, ids and callbacks)."""
    client = app.test_client()
    tables = tables_of(app)
    ids = sorted({t.dataset for t in tables})
    words = [*ids, *(c for t in tables for c in t.columns), "/", "/en/", "/datasets",
             f"/datasets/{ids[0]}", "chart", "map", "lazy-figure"]
    referer = f"http://localhost/datasets/{ids[0]}"
    return {
        "dash": (callback_cases(app.extensions["portal.dash"], words),
                 lambda body: [send_callback(client, body, referer)]),
        "rows": (rows_cases(tables), lambda case: send_rows(client, case)),
        "ckan": (ckan_cases(ids, tables), lambda case: [send_ckan(client, case)]),
    }
