"""What a resident typed into the request form → a ``Submission``, or a coded refusal."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from portal.errors import PortalError

# field → (longest text accepted, in characters; its label in the messages, ja and en)
LIMITS: dict[str, int] = {"what": 2000, "why": 2000, "contact": 200}
LABELS: dict[str, tuple[str, str]] = {"what": ("欲しいデータ", "Data wanted"),
                                      "why": ("使いみち", "What for"),
                                      "contact": ("連絡先", "Contact")}
HONEYPOT = "website"


@dataclass(frozen=True)
class Submission:
    what: str
    why: str
    contact: str  # never published; staff read it with `portal requests list`
    lang: str

    @property
    def digest(self) -> str:
        """The same text sent twice from one page is one request (a double click)."""
        body = json.dumps([self.what, self.why, self.contact], ensure_ascii=False)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _clean(value: object) -> str:
    """Text as typed, without control characters other than line breaks and tabs (a NUL or
    an escape sequence would reach the staff's terminal through `portal requests list`)."""
    text = value if isinstance(value, str) else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


def check_submission(fields: Mapping[str, object], lang: str) -> Submission:
    """Raise ``PortalError`` for a filled honeypot, a missing "what", or a field too long."""
    if _clean(fields.get(HONEYPOT)):
        raise PortalError("request-rejected", parameter=HONEYPOT)
    values = {name: _clean(fields.get(name)) for name in LIMITS}
    if not values["what"]:
        raise PortalError("request-what-missing", parameter="what")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            label = LABELS[name][1 if lang == "en" else 0]
            raise PortalError("request-field-too-long", parameter=name, field=label,
                              length=len(values[name]), limit=limit)
    return Submission(values["what"], values["why"], values["contact"],
                      "en" if lang == "en" else "ja")
