"""A fitted table filled a keyset page at a time: it says when the reader nears the end.

The ledger and an account's register both hold only the pages a person has scrolled
through. The table hints with `NearEnd` when the cursor or the view comes within a few
rows of the last loaded row; the screen's `Pager` (paging.py) decides whether to fetch.
"""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.message import Message

from fopymes_cli.tui.widgets.fitted_table import FittedTable

NEAR_END = 15


class PagedTable(FittedTable):
    """A FittedTable that asks for the next page near its bottom."""

    class NearEnd(Message):
        """The reader is close to the last loaded row: fetch the next page if there is one."""

    def near_end(self) -> bool:
        """True when the cursor or the view is within a few rows of the last loaded row."""
        if not self.row_count:
            return False
        return (
            self.cursor_row >= self.row_count - NEAR_END
            or self.max_scroll_y - self.scroll_y < NEAR_END
        )

    # Both watchers only hint; the screen checks near_end() again when it handles the
    # message, because rows added meanwhile may have moved the end away.
    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if self.near_end():
            self.post_message(self.NearEnd())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.near_end():
            self.post_message(self.NearEnd())
