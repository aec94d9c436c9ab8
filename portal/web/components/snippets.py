"""The code a dataset page offers to copy: curl, pandas and R, reading the data as typed.

pandas and R guess a column's type from its text, so a 全国地方公共団体コード of 092053 comes
back as the number 92053, and 郵便番号 loses its leading zero. The snippets name every
column the Table Schema calls text, so codes stay text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def text_columns(schema: Mapping[str, Any]) -> list[str]:
    return [f["name"] for f in schema.get("fields", []) if f.get("type", "string") == "string"]


def _python_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _r_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pandas_snippet(csv_url: str, json_url: str | None, schema: Mapping[str, Any]) -> str:
    names = text_columns(schema)
    lines = ["import pandas as pd"]
    if names:
        lines.append("text = {" + ", ".join(f"{_python_string(n)}: str" for n in names) + "}")
        lines.append(f"df = pd.read_csv({_python_string(csv_url)}, dtype=text)")
    else:
        lines.append(f"df = pd.read_csv({_python_string(csv_url)})")
    if json_url:
        # pd.read_json's default (orient="columns") wants columns of one length; the file is
        # {"fields": [...], "rows": [...]}: read it as a series and take its rows.
        lines += ["# JSON: {\"fields\": [...], \"rows\": [...]}, values typed as the schema says",
                  f"rows = pd.DataFrame(list(pd.read_json({_python_string(json_url)}, "
                  "typ=\"series\", dtype=False)[\"rows\"]))"]
    return "\n".join(lines)


def r_snippet(csv_url: str, schema: Mapping[str, Any]) -> str:
    names = text_columns(schema)
    if not names:
        return f"df <- read.csv({_r_string(csv_url)}, fileEncoding = \"UTF-8\")"
    classes = ", ".join(f"{_r_string(n)} = \"character\"" for n in names)
    return (f"df <- read.csv({_r_string(csv_url)}, fileEncoding = \"UTF-8\", "
            f"check.names = FALSE,\n               colClasses = c({classes}))")
