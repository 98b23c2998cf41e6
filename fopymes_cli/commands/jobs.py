"""`fopymes jobs` (one pass for cron and systemd timers) and `fopymes scheduler` (a loop)."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat
from fopymes_cli.table_fit import Fit

app = typer.Typer(
    help="Unattended work: materialising, alerts, e-mail, pruning.", no_args_is_help=True
)

COLUMNS = [
    Column("job", "Job"),
    Column("every", "Every (scheduler)"),
    Column("description", "What it does", fit=Fit.SHRINK),
]
RESULT_COLUMNS = [
    Column("job", "Job"),
    Column("ok", "OK"),
    Column("seconds", "Seconds", justify="right"),
    Column("summary", "Summary", fit=Fit.SHRINK),
]


def _logging(verbose: bool) -> None:
    import logging  # here, not at start-up of every command

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
    )


@app.command(
    "run-due",
    epilog=examples("fopymes jobs run-due", "fopymes jobs run-due --job deliver_outbox -o json"),
)
def run_due(
    ctx: typer.Context,
    job: Annotated[
        list[str] | None, typer.Option("--job", help="Only this job (repeatable).")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """One pass of every job, then exit: 0 if all succeeded, 1 if any failed."""
    from dataclasses import asdict

    from fopymes_server.jobs import registry

    cli = state(ctx)
    _logging(verbose=False)
    cli.app.database.check_schema()
    results = registry.run_due(cli.app, cli.app.clock.now(), registry.select(job))
    if fmt is OutputFormat.TABLE:
        for result in results:
            output.message(
                f"{result.job}: {'ok' if result.ok else 'FAILED'} in {result.seconds:.2f}s, "
                f"{result.summary}"
            )
    else:
        output.emit_records([asdict(r) for r in results], RESULT_COLUMNS, fmt)
    if not all(r.ok for r in results):
        raise typer.Exit(1)


@app.command("list", epilog=examples("fopymes jobs list"))
def list_jobs(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """The jobs, how often the scheduler runs each, and what they do."""
    from fopymes_server.jobs import registry

    records = [
        {
            "job": job.name,
            "every": f"{int(job.every.total_seconds())}s",
            "description": job.description,
        }
        for job in registry.JOBS
    ]
    output.emit_records(records, COLUMNS, fmt)


def scheduler(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", help="Log only warnings and errors.")] = False,
) -> None:
    """Run the jobs in the foreground at their intervals until SIGTERM or Ctrl-C."""
    from fopymes_server.jobs import runner

    cli = state(ctx)
    _logging(verbose=not quiet)
    cli.app.database.check_schema()
    runner.run_forever(cli.app)


def register(root: typer.Typer) -> None:
    root.command(epilog=examples("fopymes scheduler", "fopymes scheduler --quiet"))(scheduler)
