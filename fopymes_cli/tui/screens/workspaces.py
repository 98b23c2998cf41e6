"""The workspace switcher: your workspaces and your role in each; Enter moves there.

Choosing one resolves a new Principal through `identity.service.principal_for`, exactly as
`fopymes --workspace NAME` would, so the TUI can never act somewhere the CLI could not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fopymes_cli.tui.messages import reporting
from fopymes_cli.tui.screens.base import FopymesModal
from fopymes_server.core.principal import Principal
from fopymes_server.identity import service as identity
from fopymes_server.identity.schemas import MembershipOut


@dataclass(frozen=True)
class WorkspaceChoice:
    principal: Principal
    name: str
    currency: str


class MembershipsLoaded(Message):
    def __init__(self, memberships: list[MembershipOut]) -> None:
        super().__init__()
        self.memberships = memberships


class WorkspaceScreen(FopymesModal[WorkspaceChoice | None]):
    """Pick a workspace; escape keeps the current one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__()
        self._memberships: list[MembershipOut] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="workspaces", classes="dialog"):
            yield Static(Text("Switch workspace", style="bold"))
            yield OptionList(id="workspace-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self._fetch()

    @work(thread=True, exclusive=True, exit_on_error=False, group="workspaces")
    def _fetch(self) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            self.post_message(MembershipsLoaded(identity.workspaces(uow, app.principal.user_id)))

    def on_memberships_loaded(self, loaded: MembershipsLoaded) -> None:
        self._memberships = loaded.memberships
        options = self.query_one(OptionList)
        options.loading = False
        current = self.app.principal.workspace_id
        for membership in loaded.memberships:
            workspace = membership.workspace
            label = Text(workspace.name)
            label.append(f"  {workspace.currency} · {membership.role.value}", style="dim")
            if workspace.id == current:
                label.append("  (current)", style="bold")
            options.add_option(Option(label, id=str(workspace.id)))
        ids = [m.workspace.id for m in loaded.memberships]
        options.highlighted = ids.index(current) if current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = next(m for m in self._memberships if str(m.workspace.id) == event.option.id)
        self._choose(chosen.workspace.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="workspaces")
    def _choose(self, workspace_id: int) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            principal = identity.principal_for(uow, app.principal.user_id, workspace_id)
            workspace = identity.current_workspace(uow, principal)
            choice = WorkspaceChoice(principal, workspace.name, workspace.currency)
            self.app.call_from_thread(self.dismiss, choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
