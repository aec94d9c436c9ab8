"""What a Dash callback request may carry, checked before Dash runs any callback.

A request to ``/_dash-update-component`` names an output and sends the values of that
callback's inputs and states. Dash trusts the body: ``null``, ``[]`` or ``5`` failed inside Dash
with AttributeError, and a value of the wrong type (``getRowsRequest`` as a list, ``sortModel:
"x"``, ``pathname: 5``) failed inside the callback — 500s with tracebacks. ``check_request``
checks the envelope, then each value against the type its callback declares: the annotations
of its parameters (TypedDicts for structured values), or, for the callback Dash registers
itself (the page router), ``DASH_OWN``. Anything else is a 400 naming the component property.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, TypedDict

import orjson

from portal.errors import PortalError


def _from_root(text: str) -> bool:
    return text.startswith("/")


# A dcc.Location's pathname: a path from the site's root (Dash's router refuses any other).
Pathname = Annotated[str, _from_root]

# The callbacks Dash itself registers, which carry no annotations: their parameters' types.
DASH_OWN: dict[str, dict[str, Any]] = {
    "dash.dash.update": {"pathname_": Pathname | None, "search_": str | None},
}


# Required keys in a base class, optional ones in a total=False subclass: with postponed
# annotations Python 3.11 does not see Required/NotRequired.
class _PropKeys(TypedDict):
    id: str | dict[str, Any]
    property: str


class Prop(_PropKeys, total=False):
    """One input, state or output of a callback request."""

    value: Any


class _RequestKeys(TypedDict):
    output: str


class CallbackRequest(_RequestKeys, total=False):
    """The body Dash's renderer posts."""

    outputs: Prop | list[Prop | list[Prop]]
    inputs: list[Prop | list[Prop]]
    state: list[Prop | list[Prop]]
    changedPropIds: list[str]


def _is_typeddict(hint: Any) -> bool:
    return isinstance(hint, type) and hasattr(hint, "__required_keys__")


def conforms(value: Any, hint: Any) -> bool:
    """Whether the JSON value ``value`` is of the annotation ``hint``: Any, None, bool, int,
    float, str, list[X], dict[str, X], unions, Literal, Annotated[X, predicate…] and
    TypedDict (its required keys
    present, every declared key of its type; other keys are let through). Values come from
    ``api.bodies.read_json``, so they nest at most 64 levels."""
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    if origin is Annotated:  # a type narrowed by predicates: Annotated[str, check, ...]
        base, *checks = typing.get_args(hint)
        return conforms(value, base) and all(check(value) for check in checks)
    if origin is typing.Union or origin is types.UnionType:
        return any(conforms(value, h) for h in typing.get_args(hint))
    if origin is Literal:
        return any(value == v and type(value) is type(v) for v in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(conforms(v, item) for v in value)
    if origin is dict:
        _, item = typing.get_args(hint) or (str, Any)
        return isinstance(value, dict) and all(conforms(v, item) for v in value.values())
    if _is_typeddict(hint):
        if not isinstance(value, dict) or not hint.__required_keys__ <= value.keys():
            return False
        hints = typing.get_type_hints(hint, include_extras=True)
        return all(conforms(value[k], hints[k]) for k in hints if k in value)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if hint is dict or hint is list:
        return isinstance(value, hint)
    raise TypeError(f"no check for the annotation {hint!r}")


def describe(hint: Any) -> str:
    """``hint`` in words, for the error message."""
    if hint is None or hint is type(None):
        return "null"
    origin = typing.get_origin(hint)
    if origin is Annotated:
        base, *checks = typing.get_args(hint)
        return f"{describe(base)} ({', '.join(c.__name__.strip('_') for c in checks)})"
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(describe(h) for h in typing.get_args(hint))
    if origin is Literal:
        return " | ".join(orjson.dumps(v).decode() for v in typing.get_args(hint))
    if origin is list:
        return f"list of {describe((typing.get_args(hint) or (Any,))[0])}"
    if origin is dict:
        return f"object of {describe((typing.get_args(hint) or (str, Any))[1])}"
    if _is_typeddict(hint):
        return f"object with {', '.join(typing.get_type_hints(hint))}"
    names = {bool: "boolean", int: "integer", float: "number", str: "string", dict: "object",
             list: "list"}
    return names.get(hint, "any")


def _shown(value: Any) -> str:
    return orjson.dumps(value).decode()[:60]


def parameter_types(callback: Callable[..., Any]) -> list[tuple[str, Any]]:
    """(name, type) of each value a callback takes, in the order Dash passes them."""
    function = inspect.unwrap(callback)
    declared = DASH_OWN.get(f"{function.__module__}.{function.__name__}")
    hints = declared if declared is not None else typing.get_type_hints(function,
                                                                        include_extras=True)
    return [(p.name, hints[p.name]) for p in inspect.signature(function).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def check_request(body: Any, callbacks: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise a 400 (``bad-parameter``) unless ``body`` is a callback request for a callback in
    ``callbacks`` (Dash's ``callback_map``) whose every value is of its declared type."""
    if not conforms(body, CallbackRequest):
        raise PortalError("bad-parameter", parameter="body", value=_shown(body),
                          reason=describe(CallbackRequest))
    callback = callbacks.get(body["output"])
    if callback is None or "callback" not in callback:  # none, or one run in the browser
        raise PortalError("bad-parameter", parameter="output", value=body["output"][:60],
                          reason="an output of this site's callbacks")
    declared = [*callback["inputs"], *callback["state"]]
    sent = [*body.get("inputs", []), *body.get("state", [])]
    typed = parameter_types(callback["callback"])
    if len(sent) != len(declared) or len(typed) < len(declared):
        raise PortalError("bad-parameter", parameter="inputs", value=len(sent),
                          reason=f"{len(declared)} inputs and states")
    for prop, item, (_, hint) in zip(declared, sent, typed, strict=False):
        value = [i.get("value") for i in item] if isinstance(item, list) else item.get("value")
        if not conforms(value, hint):
            raise PortalError("bad-parameter", parameter=f"{prop['id']}.{prop['property']}",
                              value=_shown(value), reason=describe(hint))
