"""Payees and tags in the ledger and beancount exports, checked by the real tools:
hledger reads `payee | description` and the tags, `ledger --pedantic` and bean-check
accept the files."""

from __future__ import annotations

import io
from pathlib import Path

from fopymes_server.core.context import AppContext
from fopymes_server.exports import service
from fopymes_server.exports.schemas import ExportFormat
from tests.exports.test_journal_assertions import _run, _tool
from tests.factories import new_owner, record


def _export(ctx: AppContext, principal, fmt: ExportFormat, path: Path) -> str:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        service.export_transactions(uow, principal, fmt=fmt, out=out)
    path.write_bytes(out.getvalue())
    return out.getvalue().decode()


def _books(ctx: AppContext):  # type: ignore[no-untyped-def]
    owner = new_owner(ctx).principal
    record(
        ctx,
        owner,
        "12.50",
        description="Lunch with the team",
        payee="Café | Central; bar",
        tags=["trip-2026", "work/client.a"],
        payment_method="Cash",
    )
    record(ctx, owner, "3.00", description="Mercadona", payee="Mercadona", tags=["food"])
    record(ctx, owner, "1.00", description="No payee here")
    return owner


def test_hledger_reads_the_payee_and_tags_and_ledger_pedantic_accepts_them(
    ctx: AppContext, tmp_path: Path
) -> None:
    hledger, ledger = _tool("hledger"), _tool("ledger")
    path = tmp_path / "books.journal"
    text = _export(ctx, _books(ctx), ExportFormat.LEDGER, path)
    assert "Café ¦ Central； bar | Lunch with the team\n" in text
    assert "    ; trip-2026:\n    ; work/client.a:\n" in text
    assert ") Mercadona\n    ; food:\n" in text
    assert "tag trip-2026\n" in text
    checked = _run(hledger, "-f", str(path), "check")
    assert checked.returncode == 0, checked.stderr
    payees = _run(hledger, "-f", str(path), "payees").stdout.split("\n")
    assert "Mercadona" in payees
    assert "Café ¦ Central； bar" in payees
    tagged = _run(hledger, "-f", str(path), "reg", "tag:work/client.a", "-O", "csv").stdout
    assert "Lunch with the team" in tagged
    assert "Mercadona" not in tagged
    pedantic = _run(ledger, "--pedantic", "-f", str(path), "bal")
    assert pedantic.returncode == 0, pedantic.stderr
    by_tag = _run(ledger, "-f", str(path), "reg", "tag(food)").stdout
    assert "Mercadona" in by_tag
    assert "Lunch" not in by_tag


def test_bean_check_accepts_payee_narration_and_tags(ctx: AppContext, tmp_path: Path) -> None:
    bean_check = _tool("bean-check")
    path = tmp_path / "books.beancount"
    text = _export(ctx, _books(ctx), ExportFormat.BEANCOUNT, path)
    assert '* "Café | Central; bar" "Lunch with the team" #trip-2026 #work/client.a\n' in text
    assert '* "No payee here"\n' in text
    checked = _run(bean_check, str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
