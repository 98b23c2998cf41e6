"""Files only their owner may read: the embedded SQLite database and its directory.

The SQLite file holds password hashes and the signing secret, so it is created 0600 in a
directory created 0700, whatever the umask. SQLite gives its `-wal` and `-shm` files the
main file's mode, so creating the main file private keeps them private too. An existing
installation made before this rule is tightened on its next start, with one line on
stderr saying what changed (the only output of this module: it runs before any front end
has a terminal of its own, and a silent chmod would surprise).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def make_private_dir(path: Path) -> list[Path]:
    """Create `path` and any missing parents 0700; directories that exist are left alone.

    Returns the directories created, deepest last (so a failed `init` can remove them).
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    created = list(reversed(missing))
    for directory in created:
        directory.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.chmod(directory, PRIVATE_DIR)
    return created


def remove_sqlite_file(path: Path, created_dirs: list[Path]) -> None:
    """Remove a database file made by a command that failed, its companions and the
    directories made for it (those left empty), so nothing half-made stays behind."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        candidate.unlink(missing_ok=True)
    for directory in reversed(created_dirs):
        if directory.exists() and not any(directory.iterdir()):
            directory.rmdir()


def prepare_sqlite_file(path: Path, *, own_directory: bool) -> None:
    """Make the database file (and, when `own_directory`, its directory) private; run
    before each connection, since connecting is what creates the file.

    A missing file is created empty with mode 0600 (SQLite treats an empty file as an
    empty database). An existing file, its -wal/-shm/-journal companions and, when
    `own_directory` (fopymes' own data directory, not a folder the user chose), the
    directory lose every group and other permission; what changed is said on stderr.
    """
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        os.chmod(path, PRIVATE_FILE)
        return
    tightened = [
        candidate
        for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS))
        if _tighten(candidate, PRIVATE_FILE)
    ]
    if own_directory and _tighten(path.parent, PRIVATE_DIR):
        tightened.append(path.parent)
    if tightened:
        names = ", ".join(str(p) for p in tightened)
        sys.stderr.write(f"fopymes: made {names} readable by you only (they were not)\n")


def _tighten(path: Path, mode: int) -> bool:
    """Drop group/other permissions of `path`; True when there were any to drop."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return False
    if not current & 0o077:
        return False
    os.chmod(path, current & mode)
    return True
