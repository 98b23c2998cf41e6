"""Command groups that are imported and built the first time a command line names them."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class LazyGroup:
    """`fopymes NAME ...`, the Typer `app` of `fopymes_cli.commands.<module>`."""

    name: str
    module: str
    help: str


def load_group(group: LazyGroup) -> TyperGroup:
    """Import the module and turn its Typer app into the click group the root serves.

    Typer passes the root's settings down only to groups it builds itself; this one is
    built apart, so the root's plain-text help (no rich markup) is set on it here.
    """
    module = importlib.import_module(f"fopymes_cli.commands.{group.module}")
    command = typer.main.get_group(module.app)
    command.name = group.name
    _plain_help(command)
    return command


def _plain_help(command: Any) -> None:
    if isinstance(command, TyperGroup | TyperCommand):
        command.rich_markup_mode = None
    for sub in getattr(command, "commands", {}).values():
        _plain_help(sub)
