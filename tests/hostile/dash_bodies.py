"""Callback request bodies as Dash's renderer writes them, for any registered callback and
any values (the hostile tests and the fuzz send honest envelopes with chosen values)."""

from __future__ import annotations

import json
from typing import Any

from dash._utils import split_callback_id

PAGE = "http://localhost/datasets/generated-facilities"  # the Referer: the page's language


def server_callbacks(dash_app: Any) -> dict[str, dict[str, Any]]:
    """The callbacks the server runs (not those run in the browser), by output."""
    return {k: v for k, v in dash_app.callback_map.items() if "callback" in v}


def _items(prop: dict[str, str], value: Any, kinds: list[str]) -> Any:
    if not prop["id"].startswith("{"):
        return {"id": prop["id"], "property": prop["property"], "value": value}
    # A pattern (ALL): one entry per matched component; an "id" value names the component.
    pattern = json.loads(prop["id"])
    values = value if isinstance(value, list) else [value]
    return [{"id": v if prop["property"] == "id" and isinstance(v, dict) else
             {k: (kinds[n % len(kinds)] if isinstance(p, list) else p)
              for k, p in pattern.items()},
             "property": prop["property"], "value": v} for n, v in enumerate(values)]


def callback_body(dash_app: Any, output: str, values: list[Any]) -> dict[str, Any]:
    """The body of a request for the callback of ``output`` with ``values`` for its inputs
    and states, in order."""
    callback = dash_app.callback_map[output]
    inputs, states = callback["inputs"], callback["state"]
    kinds = ["chart", "map"]
    items = [_items(p, v, kinds) for p, v in zip([*inputs, *states], values, strict=True)]
    outputs = split_callback_id(output)
    if isinstance(outputs, dict) and outputs["id"].startswith("{"):
        matched = next((i for i in items if isinstance(i, list)), [])
        outputs = [{"id": i["id"], "property": outputs["property"]} for i in matched]
    return {"output": output, "outputs": outputs, "inputs": items[:len(inputs)],
            "state": items[len(inputs):],
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}
