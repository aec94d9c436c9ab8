"""A declared parameter (``routes.Param``) as an OpenAPI parameter, for both documents."""

from __future__ import annotations

from typing import Any

from portal.api.routes import Param


def param_schema(param: Param) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": param.type}
    if param.enum:
        schema["enum"] = list(param.enum)
    if param.minimum is not None:
        schema["minimum"] = param.minimum
    if param.maximum is not None:
        schema["maximum"] = param.maximum
    if param.default is not None:
        schema["default"] = param.default
    if param.repeated:
        return {"type": "array", "items": schema}
    return schema


def parameter(param: Param) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": param.name, "in": param.location,
                            "description": param.description,
                            "required": param.location == "path", "schema": param_schema(param)}
    if param.location == "path":
        spec["schema"]["pattern"] = param.pattern or "^[a-z0-9]+(-[a-z0-9]+)*$"
    if param.repeated:
        spec.update(style="form", explode=True)
    if param.example is not None:
        spec["example"] = param.example
    return spec


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}
