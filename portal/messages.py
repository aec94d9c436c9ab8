"""The message catalogue: every code the portal reports, with severity, rule, ja/en text and fix.

A code is kebab-case, stable and never reused. Texts are ``str.format`` templates; the ja and en
versions of a message take the same placeholders (``tests/test_messages.py`` checks it).
Severity: ``error`` blocks publication, ``warning`` is reported but publishes.
``rule`` is the Digital Agency machine-readability rule id where the check implements one.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]
Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


@dataclass(frozen=True)
class Message:
    code: str
    severity: Severity
    ja: str
    en: str
    fix_ja: str = ""
    fix_en: str = ""
    rule: str | None = None

    def text(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def fix(self, lang: str) -> str:
        return self.fix_ja if lang == "ja" else self.fix_en


def _m(code: str, severity: Severity, ja: str, en: str, fix_ja: str = "", fix_en: str = "",
       rule: str | None = None) -> Message:
    return Message(code, severity, ja, en, fix_ja, fix_en, rule)


_CATALOGUE: tuple[Message, ...] = (
    # --- catalog.yaml -------------------------------------------------------------------------
    _m("catalog-unreadable", "error",
       "catalog.yaml を読めません: {reason}",
       "catalog.yaml cannot be read: {reason}",
       "ファイルの場所と YAML の書式(インデント、コロンの後の空白)を確認してください。",
       "Check the path and the YAML syntax (indentation, a space after each colon)."),
    _m("catalog-not-mapping", "error",
       "catalog.yaml の最上位は portal と datasets を持つマッピングである必要があります。",
       "The top level of catalog.yaml must be a mapping with `portal` and `datasets`.",
       "ファイルの先頭を `portal:` と `datasets:` の2つの項目にしてください。",
       "Start the file with the two keys `portal:` and `datasets:`."),
    _m("catalog-field-missing", "error",
       "データセット {entry} に必須項目 {field} がありません。",
       "Dataset {entry} lacks the required field {field}.",
       "{field} を追加してください。",
       "Add {field} to the entry."),
    _m("catalog-field-invalid", "error",
       "データセット {entry} の項目 {field} が不正です: {reason}",
       "Dataset {entry}: field {field} is invalid: {reason}",
       "{field} の書式を docs/catalog.md で確認してください。",
       "See docs/catalog.md for the format of {field}."),
    _m("catalog-unknown-field", "warning",
       "データセット {entry} に未知の項目 {field} があります(綴りを確認してください)。",
       "Dataset {entry} has an unknown field {field} (check the spelling).",
       "項目名を docs/catalog.md の一覧と照らし合わせてください。",
       "Compare the field name with the list in docs/catalog.md."),
    _m("catalog-duplicate-id", "error",
       "データセット ID {entry} が重複しています。",
       "Dataset id {entry} is used more than once.",
       "ID は一意にしてください。一度公開した ID は変更しないでください。",
       "Give each dataset a unique id; never change a published id."),
    _m("catalog-unknown-dataset", "error",
       "カタログにデータセット {entry} がありません。",
       "The catalog has no dataset {entry}.",
       "ID の綴りを確認してください。",
       "Check the spelling of the id."),
    # --- files and encodings ------------------------------------------------------------------
    # --- Table Schema (frictionless) ----------------------------------------------------------
    # --- machine-readability rules (Digital Agency, L1 / L2 / L3) -----------------------------
    # --- standard datasets (自治体標準オープンデータセット) -------------------------------------
    # --- build ---------------------------------------------------------------------------------
    # --- HTTP API ------------------------------------------------------------------------------
    # --- command line ---------------------------------------------------------------------------
)

MESSAGES: dict[str, Message] = {}
for _message in _CATALOGUE:
    if _message.code in MESSAGES:
        raise RuntimeError(f"message code {_message.code} defined twice")
    MESSAGES[_message.code] = _message


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(code: str, lang: str = "ja", **params: Any) -> str:
    """The message ``code`` in ``lang``, its placeholders filled from ``params``."""
    message = MESSAGES[code]
    return message.text(lang).format(**params)


def render_fix(code: str, lang: str = "ja", **params: Any) -> str:
    return MESSAGES[code].fix(lang).format(**params)
