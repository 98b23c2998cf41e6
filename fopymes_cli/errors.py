"""The single place exit codes are decided: exception type -> (message, hint, code).

0 success; 1 refused by a rule or by the database; 2 bad usage or input; 130 interrupted.
Services raise FopymesError subclasses; this module turns them into one line on stderr.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

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
EXIT_CLOSED_PIPE = 141
"""128 + SIGPIPE: what `yes | head -1` reports for `yes`, so `set -o pipefail` sees the same."""

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


def closed_pipe() -> int:
    """The reader of stdout went away (`fopymes tx list -o csv | head -1`): send the rest
    of the output nowhere, so neither this write nor the flush at exit prints a
    BrokenPipeError, and return the exit code to use."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_CLOSED_PIPE


def report_unexpected(error: BaseException) -> int:
    sys.stderr.write(f"Error: unexpected {type(error).__name__}: {error}\n")
    sys.stderr.write("Hint: run again with --debug (or FOPYMES_DEBUG=1) to see the traceback\n")
    return EXIT_REFUSED


_NEGATIVE_NUMBER = re.compile(r"-[0-9][0-9.,]*")


def negative_number(option_name: str, command_ctx: Any, args: list[str]) -> str | None:
    """The usage message for a negative number that Click took for an unknown option.

    `fopymes goal add Z -100` reaches Click's parser as the option `-1`; every amount in
    fopymes is positive (the sign comes from --income/--expense or the command), so the
    answer names the argument the number stood for and the rule. None when the unknown
    option was not a negative number.
    """
    token = next(
        (a for a in args if _NEGATIVE_NUMBER.fullmatch(a) and a.startswith(option_name)), None
    )
    if token is None:
        return None
    name = _argument_of(command_ctx, args, token) or "amount"
    return f"{name}: must be positive (got {token})"


def _argument_of(command_ctx: Any, args: list[str], token: str) -> str | None:
    """The name of the positional argument `token` fills in `args` (None if unknown)."""
    if command_ctx is None:
        return None
    path = command_ctx.command_path.split()[1:]
    rest = list(args)
    for name in path:  # drop the group and command names (and what precedes them)
        rest = rest[rest.index(name) + 1 :] if name in rest else rest
    takes_value = {
        opt
        for param in command_ctx.command.params
        if param.param_type_name == "option" and not param.is_flag and not param.count
        for opt in param.opts
    }
    position, skip = 0, False
    for arg in rest:
        if skip:
            skip = False
        elif arg == token:
            break
        elif arg.startswith("-"):
            skip = arg in takes_value
        else:
            position += 1
    arguments = [p for p in command_ctx.command.params if p.param_type_name == "argument"]
    return str(arguments[position].name) if position < len(arguments) else None
