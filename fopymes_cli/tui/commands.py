"""The command palette (ctrl+p): every key binding of the app and of the current screen.

Commands are derived from the BINDINGS tables rather than listed a second time, so a new
key binding is searchable in the palette (and listed on the help screen) the moment it
exists, and the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

# Textual's own palette already offers "Quit", with the same effect.
_BUILT_IN = {"quit"}


def bindings_of(node_type: type[DOMNode]) -> list[Binding]:
    """The documented bindings a class declares (only `Binding` objects carry a description)."""
    return [b for b in _only_bindings(node_type.BINDINGS) if b.description]


def _only_bindings(bindings: Iterable[BindingType]) -> Iterator[Binding]:
    for binding in bindings:
        if isinstance(binding, Binding):
            yield binding


def for_screen(app: App[None], screen: Screen[object]) -> Iterator[SystemCommand]:
    """Palette entries for the screen the palette was opened from, then the app's."""
    seen: set[str] = set()
    for binding in bindings_of(type(screen)):
        seen.add(binding.action)
        yield SystemCommand(
            binding.description,
            binding.tooltip or binding.description,
            partial(screen.run_action, binding.action),
        )
    for binding in bindings_of(type(app)):
        if binding.action in seen or binding.action in _BUILT_IN:
            continue
        yield SystemCommand(
            binding.description,
            binding.tooltip or binding.description,
            partial(app.run_action, binding.action),
        )
