"""`docs/reference/api-operations.md`: every operation and schema of the OpenAPI document.

The document comes from `create_app` over a context that never connects (building the
app opens no database), so the page renders offline and the same on every machine.
"""

from __future__ import annotations

import json
from typing import Any

from fopymes_cli.docs_reference import markdown

_METHODS = ("get", "put", "post", "patch", "delete")


def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI document, as `/openapi.json` serves it."""
    from fopymes_server.api.app import create_app
    from fopymes_server.core.context import build_context
    from fopymes_server.core.settings import Settings

    document: dict[str, Any] = create_app(
        build_context(Settings(database_url="sqlite://"))
    ).openapi()
    return document


def render(document: dict[str, Any] | None = None) -> str:
    """The whole page, ending with one newline."""
    document = document or openapi_document()
    lines = [
        "# API operations",
        "",
        markdown.GENERATED.format(command="python -m fopymes_cli.docs_reference"),
        "",
        f"Every operation of the fopymes API {document['info']['version']}, from its OpenAPI",
        "document (`/openapi.json` of a running server; interactive at `/docs`). How to sign",
        "in, errors, retries, ETags and live events are explained in [the API](api.md).",
        "",
    ]
    operations = [
        (path, method, item[method])
        for path, item in document["paths"].items()
        for method in _METHODS
        if method in item
    ]
    for tag in document.get("tags", []):
        tagged = [op for op in operations if tag["name"] in op[2].get("tags", [])]
        if not tagged:
            continue
        lines += [f"## {markdown.text(tag['name'])}", "", tag.get("description", ""), ""]
        for path, method, operation in tagged:
            lines += _operation(path, method, operation)
    lines += ["## Schemas", ""]
    for name, schema in document["components"]["schemas"].items():
        lines += _schema(name, schema)
    return "\n".join(lines).rstrip("\n") + "\n"


def _operation(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    lines = [
        f"### `{method.upper()} {path}` {{ #{operation['operationId']} }}",
        "",
        f"**{markdown.one_line(operation.get('summary', ''))}**",
        "",
    ]
    if operation.get("description"):
        lines += [operation["description"].strip(), ""]
    if not operation.get("security", True):
        lines += ["No authentication.", ""]
    parameters = [
        (
            markdown.code(parameter["name"]),
            parameter["in"],
            _type(parameter.get("schema", {})),
            "yes" if parameter.get("required") else "no",
            markdown.one_line(parameter.get("description", "")) or " ",
        )
        for parameter in operation.get("parameters", [])
    ]
    if parameters:
        header = ("parameter", "in", "type", "required", "description")
        lines += [*markdown.table(header, parameters), ""]
    body = operation.get("requestBody")
    if body:
        kinds = ", ".join(
            f"{markdown.code(kind)} {_type(content.get('schema', {}))}".rstrip()
            for kind, content in body.get("content", {}).items()
        )
        required = "required" if body.get("required") else "optional"
        lines += [f"Request body ({required}): {kinds}.", ""]
    responses = [
        (
            markdown.code(code),
            markdown.one_line(response.get("description", "")),
            _bodies(response),
        )
        for code, response in operation.get("responses", {}).items()
    ]
    lines += [*markdown.table(("status", "meaning", "body"), responses), ""]
    return lines


def _bodies(response: dict[str, Any]) -> str:
    shown = {_type(content.get("schema", {})) for content in response.get("content", {}).values()}
    return ", ".join(sorted(shown - {""})) or " "


def _schema(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"### {markdown.text(name)} {{ #{_schema_id(name)} }}", ""]
    if schema.get("description"):
        lines += [markdown.one_line(schema["description"]), ""]
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    if properties:
        rows = [
            (
                markdown.code(field),
                _type(spec),
                "yes" if field in required else "no",
                markdown.one_line(spec.get("description", "")) or " ",
            )
            for field, spec in properties.items()
        ]
        lines += [*markdown.table(("field", "type", "required", "description"), rows), ""]
        if schema.get("additionalProperties") is False:
            lines += ["Other fields are refused.", ""]
    elif schema.get("enum"):
        lines += [f"One of {_enum(schema['enum'])}.", ""]
    elif schema.get("type"):
        lines += [f"A {_type(schema)}.", ""]
    for example in schema.get("examples", [])[:1]:
        lines += ["```json", json.dumps(example, indent=2, ensure_ascii=False), "```", ""]
    return lines


def _schema_id(name: str) -> str:
    return "schema-" + name.lower().replace("_", "-")


def _enum(values: list[Any]) -> str:
    return ", ".join(markdown.code(json.dumps(value)) for value in values)


def _type(schema: dict[str, Any]) -> str:
    """A schema's type in words, linking named schemas."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{markdown.text(name)}](#{_schema_id(name)})"
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            parts = [_type(part) for part in schema[combinator]]
            return " or ".join(dict.fromkeys(part for part in parts if part))
    if "enum" in schema:
        return f"one of {_enum(schema['enum'])}"
    if "const" in schema:
        return markdown.code(json.dumps(schema["const"]))
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {_type(schema.get('items', {})) or 'anything'}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"object of {_type(schema['additionalProperties'])}"
    if isinstance(kind, list):
        return " or ".join(kind)
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if kind and fmt else kind
