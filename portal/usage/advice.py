"""The index advisor: which filter and sort combinations the rows API was asked, per dataset and
resource, as the composite indexes that would serve them (``portal usage --advise-indexes``,
read back by ``portal build --index-advice``; portal/publishing/indexes.py builds them within
the size budget).

A rows request ``town=町03&kind__in=a,b&value__gte=5&_sort_desc=value`` is served by an index
on its equality columns (sorted by name, so the same request in another order counts alike),
then its sort column, else its range column: ``(kind, town, value)``. A request on one column
only is served by the column's own index and advises nothing. Only answered requests (200) of
clients that are not crawlers count; the same rules of `portal usage` decide that.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from portal.catalog.ids import ID_PATTERN
from portal.errors import UsageError
from portal.usage.count import CRAWLERS, HEALTH_CHECKS
from portal.usage.logline import parse_line

ROWS_PATH = f"/api/v1/datasets/({ID_PATTERN.pattern})/rows"
# The rows API's operators (portal/query/rows.py OPERATORS) by what an index does with them.
EQUALITY = {"exact", "in", "isnull"}
RANGE = {"gt", "gte", "lt", "lte"}
OTHER = {"not", "contains", "startswith"}
SORTS = ("_sort", "_sort_desc")
MIN_REQUESTS = 2  # a combination asked once is no pattern
MAX_PER_RESOURCE = 5  # the most asked combinations kept per resource
FORMAT = "portal-index-advice/1"

Key = tuple[str, str, tuple[str, ...]]  # dataset, resource ("" for the primary), columns


@dataclass
class Advice:
    asked: Counter[Key] = field(default_factory=Counter)
    requests: int = 0  # rows requests read


def index_shape(query: str) -> tuple[str, tuple[str, ...]] | None:
    """(resource, index columns) serving a rows query string, or None when it needs no
    composite index."""
    equal: set[str] = set()
    ranged: list[str] = []
    sort = None
    resource = ""
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in SORTS:
            sort = value
        elif key == "_resource":
            resource = value
        elif key.startswith("_"):
            continue
        else:
            name, _, operator = key.rpartition("__") if "__" in key else (key, "", "exact")
            if operator not in EQUALITY | RANGE | OTHER:
                name, operator = key, "exact"
            if operator in EQUALITY:
                equal.add(name)
            elif operator in RANGE and name not in ranged:
                ranged.append(name)
    last = sort or (ranged[0] if ranged else None)
    columns = sorted(equal - {last}) + ([last] if last else [])
    return (resource, tuple(columns)) if len(columns) >= 2 else None


def advise_indexes(lines: Iterable[tuple[str, int, str | None]]) -> Advice:
    """Count the index shapes of the rows requests in ``(file, line number, text)`` lines."""
    pattern = re.compile(ROWS_PATH)
    advice = Advice()
    for _name, _number, text in lines:
        line = parse_line(text) if text is not None else None
        if (line is None or line.method != "GET" or line.status != 200
                or CRAWLERS.search(line.agent) or HEALTH_CHECKS.search(line.agent)):
            continue
        match = pattern.fullmatch(unquote(line.path))
        if match is None:
            continue
        advice.requests += 1
        shape = index_shape(line.query)
        if shape is not None:
            advice.asked[(match.group(1), *shape)] += 1
    return advice


def advice_document(advice: Advice, min_requests: int = MIN_REQUESTS,
                    per_resource: int = MAX_PER_RESOURCE) -> dict[str, Any]:
    """The advice file: per dataset and resource, the most asked index shapes."""
    datasets: dict[str, dict[str, list[dict[str, Any]]]] = {}
    ranked = sorted(advice.asked.items(), key=lambda item: (-item[1], item[0]))
    for (dataset, resource, columns), count in ranked:
        if count < min_requests:
            continue
        kept = datasets.setdefault(dataset, {}).setdefault(resource, [])
        if len(kept) < per_resource:
            kept.append({"columns": list(columns), "requests": count})
    return {"format": FORMAT, "rows_requests": advice.requests,
            "datasets": {d: dict(sorted(r.items())) for d, r in sorted(datasets.items())}}


def read_advice(text: str, where: str) -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """An advice file's text → columns by dataset and resource; a usage error naming
    ``where`` when it is not one."""
    try:
        document = json.loads(text)
        if not isinstance(document, Mapping) or document.get("format") != FORMAT:
            raise ValueError("format")
        advice: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for dataset, resources in document["datasets"].items():
            for resource, entries in resources.items():
                columns = [tuple(e["columns"]) for e in entries]
                if not all(isinstance(c, str) for shape in columns for c in shape):
                    raise ValueError("columns")
                advice.setdefault(str(dataset), {})[str(resource)] = columns
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UsageError("index-advice-invalid", parameter="--index-advice", path=where,
                         format=FORMAT) from None
    return advice
