"""`fopymes server`: the headless REST + WebSocket server (FastAPI on uvicorn).

FastAPI and uvicorn are imported inside the command only, so `fopymes --help` and every
other command start without them. The database comes from the same settings as any
command (`--db`, FOPYMES_DATABASE_URL, the profile); server options from the flags below
or FOPYMES_API_*. Before uvicorn starts, the schema and (on PostgreSQL) the strength of the
signing secret are checked, so a refusal is one line and exit code 1, not a traceback.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Annotated, Any

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import state

GRACEFUL_SHUTDOWN_SECONDS = 10
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's console logs, plus the JSON access lines of fopymes.access on stderr.

    Every handler (uvicorn's, ours, the root logger's for any other library) carries the
    `redact` filter, so no query string, token or password reaches a log line, whichever
    logger wrote it: uvicorn logs WebSocket handshakes with their full URL.
    """
    redacting = {"filters": ["redact"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "fopymes_server.api.log_redaction.RedactSecrets"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "json": {"format": "%(message)s"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "plain", **redacting},
            "access": {"class": "logging.StreamHandler", "formatter": "json", **redacting},
        },
        "loggers": {
            "uvicorn": {"handlers": ["console"], "level": level.upper(), "propagate": False},
            "fopymes": {"handlers": ["console"], "level": level.upper(), "propagate": False},
            "fopymes.access": {"handlers": ["access"], "level": level.upper(), "propagate": False},
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
    }


def _has_scheduler() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("fopymes_server.jobs.runner") is not None
    except ModuleNotFoundError:
        return False


def server(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for all).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (each has its own event hub).", min=1, max=64)
    ] = 1,
    with_scheduler: Annotated[
        bool,
        typer.Option(
            "--with-scheduler", help="Also run the job scheduler (once, whatever --workers)."
        ),
    ] = False,
    allow_signup: Annotated[
        bool,
        typer.Option("--allow-signup", help="Open registration at POST /api/v1/auth/signup."),
    ] = False,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="A browser origin allowed to call the API (repeat)."),
    ] = None,
    log_level: Annotated[
        str, typer.Option(help="critical, error, warning, info or debug.")
    ] = "info",
) -> None:
    """Run the REST + WebSocket API on this database until Ctrl-C or SIGTERM.

    Docs at /docs, the OpenAPI document at /openapi.json, probes at /healthz and /readyz.
    Stopping waits for requests in flight (up to 10 s) and closes WebSockets cleanly.
    """
    from fopymes_server.core.errors import RuleViolationError
    from fopymes_server.identity import instance

    if with_scheduler and not _has_scheduler():
        raise RuleViolationError(
            "--with-scheduler: this fopymes has no job scheduler yet",
            hint="start the server without --with-scheduler",
        )
    cli = state(ctx)
    if allow_signup:
        os.environ["FOPYMES_API_ALLOW_SIGNUP"] = "true"
    if cors_origin:
        os.environ["FOPYMES_API_CORS_ORIGINS"] = ",".join(cors_origin)
    with cli.uow(write=True) as uow:
        instance.ensure_signing_secret(uow)
    import logging.config  # here: `fopymes --help` and every other command skip it

    logging.config.dictConfig(_log_config(log_level))  # before the scheduler logs anything
    stop = threading.Event()
    # uvicorn re-raises the signal that stopped it once it has shut down gracefully; this
    # handler receives it, so the scheduler below also stops cleanly and we exit with 0.
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in _STOP_SIGNALS}
    scheduler = _start_scheduler(cli, stop) if with_scheduler else None
    try:
        _serve(cli, host=host, port=port, workers=workers, log_level=log_level)
    finally:
        stop.set()  # the job in hand finishes; its transaction commits or rolls back whole
        if scheduler is not None:
            scheduler.join(timeout=60)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _start_scheduler(cli: Any, stop: threading.Event) -> threading.Thread:
    """The job scheduler in a thread of this (the supervising) process, once per server
    however many workers there are; uvicorn owns the signals and `stop` ends it after."""
    from fopymes_server.jobs import runner

    thread = threading.Thread(
        target=runner.run_forever,
        args=(cli.app,),
        kwargs={"stop": stop, "install_signals": False},
        name="fopymes-scheduler",
        daemon=True,
    )
    thread.start()
    return thread


def _serve(cli: Any, *, host: str, port: int, workers: int, log_level: str) -> None:
    import uvicorn

    from fopymes_server.api.app import create_app
    from fopymes_server.api.config import ApiSettings

    common: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": _log_config(log_level),
        "access_log": False,  # fopymes.access logs instead, without query strings
        "proxy_headers": True,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "ws": "websockets-sansio",
    }
    output.message(
        f"fopymes server on http://{host}:{port} ({cli.app.database.display_url}); "
        "docs at /docs, Ctrl-C to stop."
    )
    if workers == 1:
        uvicorn.run(create_app(cli.app, ApiSettings()), **common)
        return
    # Worker processes build their own context from the environment: pass on what the
    # flags chose so they use the same database and profile.
    os.environ["FOPYMES_DATABASE_URL"] = cli.settings.effective_database_url
    os.environ["FOPYMES_PROFILE"] = cli.settings.profile
    uvicorn.run(
        "fopymes_server.api.app:app_from_environment", factory=True, workers=workers, **common
    )


def register(app: typer.Typer) -> None:
    app.command(
        epilog=examples(
            "fopymes server",
            "fopymes server --host 0.0.0.0 --port 8000 --workers 2 --with-scheduler",
            "fopymes server --cors-origin https://books.example.com --log-level warning",
        )
    )(server)
