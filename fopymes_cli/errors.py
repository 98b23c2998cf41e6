"""The single place exit codes are decided: exception type -> (message, hint, code).

0 success; 1 refused by a rule or by the database; 2 bad usage or input; 130 interrupted.
Services raise FopymesError subclasses; this module turns them into one line on stderr.
"""

from __future__ import annotations

import sys

from fopymes_server.core.errors import (
    AuthenticationError,
    ConflictError,
    DatabaseUnavailableError,
    ExternalServiceError,
    FopymesError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    SchemaMismatchError,
    ValidationError,
)

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

EXIT_CODES: dict[type[FopymesError], int] = {
    ValidationError: EXIT_USAGE,
    NotFoundError: EXIT_REFUSED,
    PermissionDeniedError: EXIT_REFUSED,
    AuthenticationError: EXIT_REFUSED,
    RuleViolationError: EXIT_REFUSED,
    ConflictError: EXIT_REFUSED,
    SchemaMismatchError: EXIT_REFUSED,
    DatabaseUnavailableError: EXIT_REFUSED,
    ExternalServiceError: EXIT_REFUSED,
}


def exit_code_for(error: FopymesError) -> int:
    for kind in type(error).__mro__:
        if kind in EXIT_CODES:
            return EXIT_CODES[kind]
    return EXIT_REFUSED


def report(error: FopymesError) -> int:
    """Print the error (and its hint) on stderr; return the exit code to use."""
    sys.stderr.write(f"Error: {error.message}\n")
    if error.hint:
        sys.stderr.write(f"Hint: {error.hint}\n")
    return exit_code_for(error)


def report_unexpected(error: BaseException) -> int:
    sys.stderr.write(f"Error: unexpected {type(error).__name__}: {error}\n")
    sys.stderr.write("Hint: run again with --debug (or FOPYMES_DEBUG=1) to see the traceback\n")
    return EXIT_REFUSED
