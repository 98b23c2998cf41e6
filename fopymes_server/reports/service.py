"""Use cases of reports: build the model, render it, export it to files, e-mail it.

`show` is what `fopymes report show` and the API call; `export_files` is what cron calls
through `fopymes report export`: files are written next to their destination under a
temporary name and renamed into place, so a reader never sees half a report and a failed
run leaves nothing behind. Any member may read a report of their workspace. E-mailing one
is `service_email.email_report`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.exports.files import write_atomically
from fopymes_server.reports import data, render_csv
from fopymes_server.reports.periods import ReportPeriod
from fopymes_server.reports.schemas import CONTENT_TYPES, ReportData, ReportFormat
from fopymes_server.reports.tables import Table, build_tables, movements_table, pick

_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class ReportFile:
    name: str
    content_type: str
    data: bytes


def show(uow: UnitOfWork, principal: Principal, *, period: ReportPeriod) -> ReportData:
    """The report of the principal's workspace for `period` (see data.build)."""
    return data.build(uow, principal, period)


def base_name(report: ReportData) -> str:
    """`fopymes-<workspace>-<period>`, safe as a file name on every system."""
    label = report.period.label.replace("..", "_to_")
    return _UNSAFE.sub("-", f"fopymes-{report.workspace}-{label}").strip("-").lower()


def tables(uow: UnitOfWork, principal: Principal, report: ReportData) -> dict[str, Table]:
    """Every table of the report, then `movements`: each row of the period (the appendix)."""
    found = build_tables(report)
    found["movements"] = movements_table(_movements(uow, principal, report))
    return found


def _movements(uow: UnitOfWork, principal: Principal, report: ReportData) -> Any:
    return uow.reports.movements(principal.workspace_id, report.period.start, report.period.end)


def _table_names(report: ReportData) -> list[str]:
    return [*build_tables(report), "movements"]


def _check_table(report: ReportData, table: str) -> str:
    """The table's canonical name; ValidationError listing the names otherwise."""
    key = table.strip().lower().replace("-", "_")
    names = _table_names(report)
    if key not in names:
        raise ValidationError("table", f"'{table}' is not a report table ({', '.join(names)})")
    return key


def _one_table(uow: UnitOfWork, principal: Principal, report: ReportData, name: str) -> Table:
    key = _check_table(report, name)
    if key == "movements":
        return movements_table(_movements(uow, principal, report))
    return pick(build_tables(report), key)


def render(
    uow: UnitOfWork,
    principal: Principal,
    report: ReportData,
    fmt: ReportFormat,
    out: IO[bytes],
    *,
    table: str | None = None,
) -> None:
    """Write `report` as `fmt` to `out`. CSV writes one table (`table`, default summary).

    The XLSX Transactions sheet and the PDF's movements appendix stream the period's
    rows (transfers included) inside this unit of work.
    Raises ValidationError for an unknown table name.
    """
    if fmt is ReportFormat.CSV:
        render_csv.render_table(_one_table(uow, principal, report, table or "summary"), out)
        return
    rows = _movements(uow, principal, report)
    # Imported here: only XLSX and PDF need openpyxl or reportlab.
    if fmt is ReportFormat.XLSX:
        from fopymes_server.reports import render_xlsx

        render_xlsx.render(report, out, rows)
    else:
        from fopymes_server.reports import render_pdf

        render_pdf.render(report, out, rows)


def export_files(
    uow: UnitOfWork,
    principal: Principal,
    report: ReportData,
    fmt: ReportFormat,
    destination: Path,
    *,
    table: str | None = None,
) -> list[Path]:
    """Write the report under `destination` and return the paths written.

    `destination` is a directory (the default name `base_name(report)` is used) or a file
    path. CSV without `table` writes every table as `<base>-<table>.csv` and needs a
    directory. Raises ValidationError for a CSV of all tables aimed at a file, or an
    unknown table name.
    """
    if table is not None:
        _check_table(report, table)
    suffix = f".{fmt.value}"
    if fmt is ReportFormat.CSV and table is None:
        if destination.suffix and not destination.is_dir():
            raise ValidationError(
                "output", "a CSV report is one file per table: give a directory or --table NAME"
            )
        every = tables(uow, principal, report)
        paths = [destination / f"{base_name(report)}-{name}.csv" for name in every]
        for name, path in zip(every, paths, strict=True):
            write_atomically(path, partial(render_csv.render_table, every[name]))
        return paths
    if destination.is_dir() or not destination.suffix:
        extra = f"-{table.strip().lower().replace('-', '_')}" if table else ""
        destination = destination / f"{base_name(report)}{extra}{suffix}"
    write_atomically(destination, lambda out: render(uow, principal, report, fmt, out, table=table))
    return [destination]


def as_attachment(
    uow: UnitOfWork,
    principal: Principal,
    report: ReportData,
    fmt: ReportFormat,
    *,
    table: str | None = None,
) -> ReportFile:
    """The report as one file for an e-mail: a ZIP of every CSV table when no table is named."""
    if fmt is ReportFormat.CSV and table is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, built in tables(uow, principal, report).items():
                part = io.BytesIO()
                render_csv.render_table(built, part)
                archive.writestr(f"{base_name(report)}-{name}.csv", part.getvalue())
        return ReportFile(f"{base_name(report)}.zip", "application/zip", buffer.getvalue())
    buffer = io.BytesIO()
    render(uow, principal, report, fmt, buffer, table=table)
    suffix = f"-{_check_table(report, table)}" if table is not None else ""
    return ReportFile(
        f"{base_name(report)}{suffix}.{fmt.value}", CONTENT_TYPES[fmt], buffer.getvalue()
    )
