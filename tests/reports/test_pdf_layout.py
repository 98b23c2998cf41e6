"""The PDF as an accountant gets it: cover, page N of M, movements, and a clean layout.

The layout rules are checked on the real output: each page turned into an image with
pdftoppm must have nothing but white in its margins (the footer's line aside), and no
page may end on a section heading, read back with pypdf.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import ReportFormat
from fopymes_server.reports.tables import build_tables
from fopymes_server.transactions.schemas import Kind
from tests.factories import new_owner, record

TODAY = date(2026, 12, 3)
DPI = 36  # one pixel is two points
MARGIN_PT = 40
LONG = "Monthly delivery of assorted goods for the shop, invoice and delivery note attached"


@pytest.fixture
def shop(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(
                category=None, amount="3000", anchor_day=25, effective_from="2026-10-25"
            ),
        )
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(category="Groceries", amount="40", effective_from="2026-11-01"),
        )
    record(ctx, owner, "2450", kind=Kind.INCOME, date="2026-11-27", description="Sales")
    first = date(2026, 11, 1)
    for number in range(90):
        day = first + timedelta(days=number % 30)
        record(
            ctx,
            owner,
            f"{10 + number}.{number % 100:02d}",
            category=("Groceries", "Housing", "Transport")[number % 3],
            date=day.isoformat(),
            description=f"#{number:03d} {LONG if number % 4 == 0 else 'Supplier'}",
        )
    return owner


def _pdf(ctx: AppContext, owner: Principal, where: Path) -> tuple[Path, list[str]]:
    with ctx.uow(write=False) as uow:
        report = service.show(uow, owner, period=parse_period("2026-11", TODAY))
        [path] = service.export_files(uow, owner, report, ReportFormat.PDF, where / "r.pdf")
    headings = [t.title for t in build_tables(report).values()]
    return path, [*headings, "Summary", "Appendix: movements"]


def test_the_pdf_has_a_cover_page_numbers_and_every_movement(
    ctx: AppContext, shop: Principal, tmp_path: Path
) -> None:
    path, _ = _pdf(ctx, shop, tmp_path)
    reader = PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    cover = pages[0]
    for field in ("Workspace", "Period", "2026-11-01 to 2026-11-30", "Currency", "EUR"):
        assert field in cover
    assert "Generated" in cover
    whole = "\n".join(pages)
    appendix = whole[whole.index("Appendix: movements") :]
    for number in range(90):
        assert f"#{number:03d}" in appendix
    assert "on track" in whole or "over" in whole
    assert "at_risk" not in whole
    assert "on_track" not in whole
    assert "pro rata" in whole


def test_the_appendix_keeps_words_whole_and_repeats_its_header(
    ctx: AppContext, shop: Principal, tmp_path: Path
) -> None:
    """The appendix is wider than the page: descriptions wrap, `expense` is never split."""
    path, _ = _pdf(ctx, shop, tmp_path)
    pages = [page.extract_text() for page in PdfReader(path).pages]
    whole = "\n".join(pages)
    appendix = whole[whole.index("Appendix: movements") :]
    assert appendix.count("expense") == 90
    assert LONG not in appendix  # the description is the column that wraps
    first = next(n for n, text in enumerate(pages) if "Appendix: movements" in text)
    assert len(pages) - first > 1, "the appendix runs onto a second page"
    for text in pages[first:]:
        assert "Counter-account" in text  # its header repeats on every page


def test_every_chart_names_its_axes(ctx: AppContext, shop: Principal, tmp_path: Path) -> None:
    path, _ = _pdf(ctx, shop, tmp_path)
    whole = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    # Axis titles only: table headers wrap their currency onto a line of its own.
    for title in (
        "Amount (EUR)",
        "Amount (EUR): limit grey, spent red",
        "Month end",
        "Net worth (EUR)",
    ):
        assert f"\n{title}\n" in whole, title


def test_no_page_ends_on_a_heading(ctx: AppContext, shop: Principal, tmp_path: Path) -> None:
    path, headings = _pdf(ctx, shop, tmp_path)
    for page in PdfReader(path).pages:
        lines = [
            line.strip()
            for line in page.extract_text().splitlines()
            if line.strip() and "Page " not in line and not line.startswith("Generated ")
        ]
        assert lines[-1] not in headings, lines[-3:]


def test_nothing_is_drawn_in_the_margins(ctx: AppContext, shop: Principal, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) must be installed in CI")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    path, _ = _pdf(ctx, shop, tmp_path)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", str(path), str(tmp_path / "page")], check=True
    )
    images = sorted(tmp_path.glob("page*.png"))
    assert images
    edge = MARGIN_PT * DPI // 72 - 1
    footer = (20 * DPI // 72, 34 * DPI // 72)  # the "Page N of M" line, 25 pt up
    for image_path in images:
        image = Image.open(image_path).convert("L")
        width, height = image.size
        pixels = image.load()
        assert pixels is not None
        inked = [
            (x, y)
            for y in range(height)
            for x in range(width)
            if (x < edge or x >= width - edge or y < edge or y >= height - edge)
            and not footer[0] <= height - 1 - y <= footer[1]
            and pixels[x, y] < 245
        ]
        assert not inked, f"{image_path.name}: ink in the margin at {inked[:5]}"
