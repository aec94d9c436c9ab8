"""`portal requests list|export`: the stored requests as text, CSV or JSON for staff."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from portal.datarequests.store import StoredRequest
from portal.formulas import neutralise

COLUMNS = ("reference", "received_at", "what", "why", "contact", "lang")


def render_list(requests: Sequence[StoredRequest]) -> str:
    """One block per request, oldest first, for reading in a terminal."""
    blocks = []
    for r in requests:
        lines = [f"#{r.reference}  {r.received_at}  ({r.lang})", f"  what: {r.what}"]
        if r.why:
            lines.append(f"  why: {r.why}")
        if r.contact:
            lines.append(f"  contact: {r.contact}")
        blocks.append("\n".join(line.replace("\n", "\n    ") for line in lines))
    return "".join(block + "\n\n" for block in blocks)


def render_csv(requests: Sequence[StoredRequest]) -> str:
    """UTF-8 with BOM (Excel reads it as UTF-8); a cell Excel would run as a formula is
    neutralised (portal/formulas.py) — residents wrote these cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in requests:
        row = r.to_dict()
        writer.writerow([row["reference"], *(neutralise(str(row[c]), False)
                                             for c in COLUMNS[1:])])
    return "\ufeff" + out.getvalue()


def render_json(requests: Sequence[StoredRequest]) -> str:
    return json.dumps([r.to_dict() for r in requests], ensure_ascii=False, indent=2) + "\n"
