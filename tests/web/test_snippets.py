"""The dataset page's pandas snippet, run on a real published file: codes stay text."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from portal.web.components.snippets import pandas_snippet, r_snippet

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "datasets/kanuma-evacuation-sites"


def _schema() -> dict:
    return json.loads((SITES / "092053_evacuation_space.schema.json").read_text(encoding="utf-8"))


def test_the_pandas_snippet_keeps_the_local_government_code_as_text(tmp_path: Path) -> None:
    data = SITES / "092053_evacuation_space.csv"
    rows = pd.read_csv(data, dtype=str).to_dict(orient="records")
    document = tmp_path / "sites.json"
    document.write_text(json.dumps({"fields": _schema()["fields"], "rows": rows},
                                   ensure_ascii=False), encoding="utf-8")
    namespace: dict = {}
    exec(pandas_snippet(str(data), document.as_uri(), _schema()), namespace)  # noqa: S102
    df, from_json = namespace["df"], namespace["rows"]
    assert df["全国地方公共団体コード"].iloc[0] == "092053"
    assert from_json["全国地方公共団体コード"].iloc[0] == "092053"
    assert len(df) == len(from_json) == len(rows)
    # Numbers the schema types as numbers are read as numbers.
    assert df["緯度"].dtype == "float64"
    # Without the snippet's dtype, pandas reads the code as the integer 92053.
    assert pd.read_csv(data)["全国地方公共団体コード"].iloc[0] == 92053


def test_the_r_snippet_names_every_text_column_as_character() -> None:
    snippet = r_snippet("https://example.jp/x.csv", _schema())
    assert '"全国地方公共団体コード" = "character"' in snippet
    assert '"緯度" = "character"' not in snippet
