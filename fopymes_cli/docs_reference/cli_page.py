"""`docs/reference/cli.md`: every command of the Typer app, as `--help` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from fopymes_cli import examples
from fopymes_cli.docs_reference import markdown
from fopymes_cli.main import app

_REWRAP_OFF = "\b"


def commands() -> Iterator[tuple[str, Any, Any]]:
    """(path, command, context) of the root and every command and group under it, in the
    order `--help` lists them; lazy groups load as they are listed."""
    root = typer.main.get_command(app)
    root_context = root.context_class(root, info_name="fopymes")

    def walk(command: Any, path: str, context: Any) -> Iterator[tuple[str, Any, Any]]:
        yield path, command, context
        if not hasattr(command, "list_commands"):
            return
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is None or sub.hidden:
                continue
            sub_context = sub.context_class(sub, info_name=name, parent=context)
            yield from walk(sub, f"{path} {name}".strip(), sub_context)

    yield from walk(root, "", root_context)


def render() -> str:
    """The whole page, ending with one newline."""
    lines = [
        "# Command line reference",
        "",
        markdown.GENERATED.format(command="python -m fopymes_cli.docs_reference"),
        "",
        "Every command, argument and option of `fopymes`, with the examples its `--help`",
        "shows. Global options go before the command (`fopymes --workspace Shop tx list`);",
        "the conventions every command follows (output formats, exit codes) are in the",
        "[reference overview](index.md).",
        "",
    ]
    for path, command, context in commands():
        lines += _section(path, command, context)
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(path: str, command: Any, context: Any) -> list[str]:
    name = f"fopymes {path}".strip()
    depth = min(2 + path.count(" "), 6)
    lines = ["#" * depth + f" {name}", ""]
    lines += _help_text(command.help or "")
    usage = " ".join([context.command_path, *command.collect_usage_pieces(context)])
    lines += ["```text", usage, "```", ""]
    arguments, options = _parameters(command, context)
    if arguments:
        lines += [*markdown.table(("argument", "description"), arguments), ""]
    if options:
        lines += [*markdown.table(("option", "description"), options), ""]
    if hasattr(command, "list_commands"):
        names = [n for n in command.list_commands(context) if command.get_command(context, n)]
        links = ", ".join(f"[`{name} {sub}`](#{_anchor(f'{name} {sub}')})" for sub in names)
        lines += [f"Commands: {links}.", ""]
    found = examples.parse(command.epilog)
    if found:
        lines += ["Examples:", "", "```sh", *found, "```", ""]
    return lines


def _anchor(heading: str) -> str:
    """The id the table of contents gives a heading of words and spaces."""
    return heading.lower().replace(" ", "-")


def _help_text(help_text: str) -> list[str]:
    """Paragraphs of a docstring; a `\\b` paragraph (kept as written) becomes a block."""
    lines: list[str] = []
    for paragraph in help_text.strip().split("\n\n"):
        if paragraph.startswith(_REWRAP_OFF):
            lines += ["```text", paragraph.removeprefix(_REWRAP_OFF).strip("\n"), "```", ""]
        elif paragraph.strip():
            lines += [markdown.one_line(paragraph), ""]
    return lines


def _parameters(command: Any, context: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(context):
        record = param.get_help_record(context)
        if record is None:
            continue
        label, description = record
        row = (markdown.code(label), markdown.one_line(description) or " ")
        if param.param_type_name == "argument":
            arguments.append(row)
        else:
            options.append(row)
    return arguments, options
