"""Statuses and directions in the PDF and the workbook are words, never identifiers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.contacts import service as contacts
from fopymes_server.contacts.schemas import ContactCreate
from fopymes_server.core.context import AppContext
from fopymes_server.debts import service as debts
from fopymes_server.debts.schemas import DebtCreate, Direction
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import GoalCreate
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import ReportFormat
from tests.factories import at_noon, hand_clock, new_owner, record

IDENTIFIERS = ("i_owe", "owed_to_me", "at_risk", "on_track")


def test_budgets_goals_and_debts_read_as_words_in_the_pdf_and_the_workbook(
    ctx: AppContext, tmp_path: Path
) -> None:
    hand_clock(ctx, at_noon("2026-11-10"))  # November under way: 90 of 100 spent is at risk
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(category="Groceries", amount="100", effective_from="2026-11-01"),
        )
    with ctx.uow() as uow:
        goals.add(uow, owner, data=GoalCreate(name="Holiday", target="1000"))
        friend = contacts.add(uow, owner, data=ContactCreate(name="Marta"))
    for direction in (Direction.I_OWE, Direction.OWED_TO_ME):
        with ctx.uow() as uow:
            debts.add(
                uow,
                owner,
                data=DebtCreate(
                    contact=friend.id, direction=direction, principal="120", start="2026-11-01"
                ),
            )
    record(ctx, owner, "90.00", category="Groceries", date="2026-11-02")
    with ctx.uow(write=False) as uow:
        report = service.show(uow, owner, period=parse_period("2026-11", date(2026, 11, 10)))
        [pdf] = service.export_files(uow, owner, report, ReportFormat.PDF, tmp_path / "r.pdf")
        [xlsx] = service.export_files(uow, owner, report, ReportFormat.XLSX, tmp_path / "r.xlsx")
    assert {d.direction for d in report.debts} == {"i_owe", "owed_to_me"}

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for shown in ("I owe", "owed to me", "at risk", "active"):
        assert shown in text, shown
    book = load_workbook(xlsx)
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert {"I owe", "owed to me", "at risk"} <= cells
    for identifier in IDENTIFIERS:
        assert identifier not in text, identifier
        assert identifier not in cells, identifier
