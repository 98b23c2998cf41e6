"""Progress bars drawn as text, for budget and goal tables.

A bar is plain text (block characters) so it survives any terminal, a pipe and a snapshot
alike; `output.py` prints it like any other cell.
"""

from __future__ import annotations

from decimal import Decimal

FULL = "█"
EMPTY = "░"
OVER = "▓"


def progress_bar(percent: Decimal | None, width: int = 20) -> str:
    """`width` cells filled in proportion to `percent` (0..100), then the percentage.

    Past 100 % the bar is full and drawn with OVER so an overspent budget stands out;
    None (no limit to measure against) gives an empty bar and "n/a".
    """
    if percent is None:
        return f"{EMPTY * width}  n/a"
    if percent > 100:
        return f"{OVER * width} {percent}%"
    filled = int(max(percent, Decimal(0)) * width / 100)
    return f"{FULL * filled}{EMPTY * (width - filled)} {percent}%"
