"""Keyset paging as the ledger and the account register do it, written once.

A screen asks `restart()` for a generation number when it loads from the top (new
filters, a live change), passes it to its worker with the cursor, and offers each page
that comes back to `arrived()`: a page of an older generation is dropped instead of being
mixed into the new result. `more()` gives the cursor of the next page when the table is
near its end and no page is on its way.
"""

from __future__ import annotations

from fopymes_cli.tui.widgets.paged_table import PagedTable


class Pager:
    """Where the next page starts and whether one is being fetched."""

    def __init__(self, page_size: int, max_size: int) -> None:
        self.page_size = page_size
        self.max_size = max_size
        self.generation = 0
        self.next_cursor: str | None = None
        self.loading = False

    def restart(self, table: PagedTable) -> tuple[int, int]:
        """A new generation, and how many rows to load so a reload keeps the reader's place."""
        self.generation += 1
        self.loading = True
        return self.generation, min(max(self.page_size, table.row_count), self.max_size)

    def more(self, table: PagedTable) -> str | None:
        """The cursor to fetch now, or None (no older page, one on its way, or not near the end)."""
        if self.next_cursor and not self.loading and table.near_end():
            self.loading = True
            return self.next_cursor
        return None

    def arrived(self, generation: int, next_cursor: str | None) -> bool:
        """Take a page's cursor if the page is of the current generation (else drop it)."""
        if generation != self.generation:
            return False
        self.next_cursor = next_cursor
        self.loading = False
        return True

    def failed(self) -> None:
        """The fetch was refused or failed: the next near-end may try again."""
        self.loading = False
