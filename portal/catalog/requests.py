"""``requests:`` of catalog.yaml → curated data requests, with a finding per bad item.

Staff publish a request and the city's answer here, by pull request (docs/requests.md). What
residents typed into the form stays in the request store; only what staff write here is shown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from portal.catalog.ids import is_valid_id
from portal.catalog.load import EntryError, _date, _line, _text
from portal.catalog.model import REQUEST_STATUSES, DataRequest
from portal.findings import Finding
from portal.messages import reason


class _ItemError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _request(node: Any, line: int | None, datasets: Collection[str]) -> DataRequest:
    if not isinstance(node, Mapping):
        raise EntryError("catalog-request-invalid", "item", line,
                         reason=reason("expected-item-mapping"))
    for key in ("id", "title", "received", "status"):
        if node.get(key) in (None, ""):
            raise EntryError("catalog-request-invalid", key, line,
                             reason=reason("required"))
    if not isinstance(node["id"], str) or not is_valid_id(node["id"]):
        raise EntryError("catalog-request-invalid", "id", line,
                         reason=reason("expected-slug"))
    status = node["status"]
    if status not in REQUEST_STATUSES:
        raise _ItemError("catalog-request-status-unknown", value=str(status)[:40],
                         allowed=", ".join(REQUEST_STATUSES))
    dataset = node.get("dataset")
    if status == "published" and not dataset:
        raise _ItemError("catalog-request-dataset-missing")
    if dataset is not None and (not isinstance(dataset, str) or dataset not in datasets):
        raise _ItemError("catalog-request-dataset-unknown", dataset=str(dataset)[:80])
    declined = node.get("reason")
    if status == "declined" and declined is None:
        raise _ItemError("catalog-request-reason-missing")
    received = _date(node["received"], "received", line)
    answered = node.get("answered")
    note = node.get("note")
    return DataRequest(
        id=node["id"], title=_text(node["title"], "title", line, en_optional=True),
        received=received, status=status, dataset=dataset,
        reason=_text(declined, "reason", line, en_optional=True)
        if declined is not None else None,
        answered=_date(answered, "answered", line) if answered else None,
        note=_text(note, "note", line, en_optional=True) if note is not None else None)


def parse_requests(node: Any, datasets: Collection[str], shown: str
                   ) -> tuple[tuple[DataRequest, ...], list[Finding]]:
    """The well-formed items of ``requests:`` and a finding for each other one."""
    if node is None:
        return (), []
    if not isinstance(node, list):
        return (), [Finding("catalog-request-invalid", file=shown,
                            params={"item": "requests", "field": "requests",
                                    "reason": reason("expected-list")})]
    found: list[DataRequest] = []
    findings: list[Finding] = []
    for index, item in enumerate(node):
        line = _line(node, index)
        label = item.get("id") if isinstance(item, Mapping) and isinstance(
            item.get("id"), str) else f"requests[{index}]"
        try:
            request = _request(item, line, datasets)
        except EntryError as exc:
            findings.append(Finding("catalog-request-invalid", file=shown,
                                    line=exc.line or line,
                                    params={"item": label, "field": exc.field,
                                            "reason": exc.params.get("reason", "")}))
            continue
        except _ItemError as exc:
            findings.append(Finding(exc.code, file=shown, line=line,
                                    params={"item": label, **exc.params}))
            continue
        if any(r.id == request.id for r in found):
            findings.append(Finding("catalog-request-duplicate-id", file=shown, line=line,
                                    params={"item": request.id}))
            continue
        found.append(request)
    return tuple(found), findings
