"""Text folded for search: one table that ignores case and accents, the same on both databases.

`tx list --search cafe` must find "Café" and "CAFÉ" on SQLite and on PostgreSQL whatever
PostgreSQL's locale or extensions. So the folding is not the database's `lower()` (ASCII
only on SQLite, locale-dependent on PostgreSQL) nor `unaccent` (an extension a hosted
database may lack): it is this table, and every side applies exactly it:

- Python folds the needle with `fold`;
- PostgreSQL runs `translate(column, FOLD_FROM, FOLD_TO)` (`transactions.matching`);
- SQLite calls `fold` itself, registered on every connection as `FOLD_FUNCTION`
  (`core.database`).

The table maps each upper-case letter of the Latin, Greek and Cyrillic blocks to its lower
case, and each letter with a diacritic (both cases) to its base lower-case letter: "É",
"é", "È" and "E" all become "e", "Ñ" becomes "n", "Ø" becomes "o". Combining marks (an
accent typed as a separate character, as macOS file names store them) are dropped, so a
decomposed "Cafe\u0301" folds like "Café". `translate` replaces one character by one, so
letters that would need two ("ß" -> "ss", "Æ" -> "ae") fold only their case ("Æ" -> "æ")
and "ß" stays "ß": "strasse" does not find "Straße", "straße" does.

Pure: no I/O, no SQLAlchemy. The table is computed once at import from `unicodedata`.
"""

from __future__ import annotations

import unicodedata

FOLD_FUNCTION = "fopymes_fold"
"""The SQLite function name `core.database` registers (deterministic, NULL in, NULL out)."""

_BLOCKS = (
    range(0x0041, 0x0250),  # Basic Latin letters, Latin-1, Latin Extended-A and -B
    range(0x0370, 0x0530),  # Greek, Cyrillic and its supplement
    range(0x1E00, 0x1F00),  # Latin Extended Additional (Vietnamese and others)
)
_NO_DECOMPOSITION = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ƀ": "b", "ɨ": "i"}
"""Letters with a stroke, which Unicode does not decompose into a base and a mark."""
_COMBINING_MARKS = range(0x0300, 0x0370)


def _target(char: str) -> str | None:
    """The single lower-case letter `char` folds to, or None when it stays as it is."""
    if not unicodedata.category(char).startswith("L"):
        return None
    lower = char.lower() if len(char.lower()) == 1 else char  # "İ".lower() is two
    base = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
    base = base.lower() if len(base) == 1 else lower
    base = _NO_DECOMPOSITION.get(base, base)
    return base if base != char else None


def _table() -> tuple[str, str, str]:
    sources: list[str] = []
    targets: list[str] = []
    for block in _BLOCKS:
        for point in block:
            target = _target(chr(point))
            if target is not None:
                sources.append(chr(point))
                targets.append(target)
    dropped = "".join(chr(point) for point in _COMBINING_MARKS)
    return "".join(sources), "".join(targets), dropped


_FROM, FOLD_TO, _DROPPED = _table()
FOLD_FROM = _FROM + _DROPPED
"""Characters to replace: the first len(FOLD_TO) by FOLD_TO's, the rest (combining marks)
removed, which is what PostgreSQL's translate() does with a longer `from`."""
_TRANSLATION: dict[int, str | None] = {
    **{ord(s): t for s, t in zip(_FROM, FOLD_TO, strict=True)},
    **{ord(mark): None for mark in _DROPPED},
}


def fold(text: str) -> str:
    """`text` without case or accents, by the table above ("CAFÉ" -> "cafe")."""
    return text.translate(_TRANSLATION)


def fold_or_none(text: str | None) -> str | None:
    """`fold` for SQL: NULL stays NULL (the SQLite function)."""
    return None if text is None else fold(text)
