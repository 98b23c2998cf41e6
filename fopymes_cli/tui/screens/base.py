"""What every data screen shares: the typed app, loading on show, following DataChanged.

A screen that is visible reloads as soon as data changes; one that is hidden (another mode
or a modal on top) only notes that it is stale and reloads when it is shown again, so a
burst of changes costs one query per visible screen, not one per screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import getters
from textual.app import App
from textual.screen import ModalScreen, Screen

from fopymes_cli.tui.messages import DataChanged

if TYPE_CHECKING:
    from fopymes_cli.tui.app import FopymesApp


ResultT = TypeVar("ResultT")


def as_fopymes(app: App[object]) -> FopymesApp:
    """The running app with its real type (context, principal, data signal)."""
    # Imported late: app.py imports the screens, and the screens only need the type.
    from fopymes_cli.tui.app import FopymesApp

    assert isinstance(app, FopymesApp)
    return app


class FopymesModal(ModalScreen[ResultT]):
    """A dialog over a screen, with the app typed as FopymesApp."""

    # Textual's own pattern for a typed `app` (see MessagePump.app): the getter for type
    # checkers, a property at run time, because app.py imports this module.
    if TYPE_CHECKING:
        app = getters.app(FopymesApp)
    else:

        @property
        def app(self):
            return as_fopymes(super().app)


class DataScreen(Screen[None]):
    """A screen filled by service calls; subclasses implement `reload`."""

    if TYPE_CHECKING:
        app = getters.app(FopymesApp)
    else:

        @property
        def app(self):
            return as_fopymes(super().app)

    def __init__(self) -> None:
        super().__init__()
        self._loaded_version = -1

    def on_mount(self) -> None:
        self.app.data_changed.subscribe(self, self._data_changed)
        self._refresh_if_stale()

    def on_screen_resume(self) -> None:
        self._refresh_if_stale()

    def _data_changed(self, change: DataChanged) -> None:
        if change.workspace_switched:
            self.workspace_switched()
        if self.is_current:
            self._refresh_if_stale()

    def _refresh_if_stale(self) -> None:
        if self._loaded_version != self.app.data_version:
            self._loaded_version = self.app.data_version
            self.reload()

    def workspace_switched(self) -> None:
        """Forget choices that belong to the previous workspace (filters, selections)."""

    def reload(self) -> None:
        """Start the worker(s) that fetch this screen's data."""
        raise NotImplementedError
