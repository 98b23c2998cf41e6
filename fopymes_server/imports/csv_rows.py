"""One CSV data row under a mapping: numbers, dates, direction, fee (pure).

`csv_format` finds the rows and applies the filters; this module reads each row into a
StatementLine (plus a fee line), a RowError, or a skipped row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from fopymes_server.imports.csv_layout import Layout
from fopymes_server.imports.schemas import (
    DIRECTION_IN,
    DIRECTION_OUT,
    CsvMapping,
    RowError,
    SignConvention,
    StatementLine,
)

_CURRENCY_MARKS = re.compile(r"[€$£¥]|\b[A-Z]{3}\b")
_NAMED = {"€": "EUR", "£": "GBP"}
"""Symbols that name one currency; `$` and `¥` name several and say nothing here."""
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_DIGITS = re.compile(r"\d+(\.\d+)?|\.\d+")


def parse_number(text: str, decimal: str, thousands: str) -> Decimal:
    """A signed Decimal from bank text: `1.234,56`, `-12.50`, `(12.50)`, `12.50-`, `€ 3`.

    Raises ValueError with a short reason for anything else.
    """
    if decimal == "." and _PLAIN.fullmatch(text):
        return Decimal(text)  # the common case (fopymes' own export), without the rewriting
    value = _CURRENCY_MARKS.sub("", text).strip().replace("\u00a0", " ")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1].strip()
    if value.endswith("-"):
        negative, value = True, value[:-1].strip()
    if value.startswith(("-", "+")):
        negative, value = value[0] == "-", value[1:].strip()
    if thousands:
        value = value.replace(thousands, "")
    value = value.replace(" ", "")
    if decimal == ",":
        if "." in value:
            raise ValueError(f"'{text}' has a '.' but the decimal mark is ','")
        value = value.replace(",", ".")
    elif "," in value:
        raise ValueError(f"'{text}' has a ',' (set the thousands separator or decimal comma)")
    if not _DIGITS.fullmatch(value):
        raise ValueError(f"'{text}' is not a number")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    return -number if negative else number


def currency_mark(text: str) -> str | None:
    """The currency an amount's text names (`-3,50 EUR`, `€ 10`), or None.

    Raises ValueError when it names two.
    """
    found = {_NAMED.get(mark, mark) for mark in _CURRENCY_MARKS.findall(text)}
    found.discard("$")
    found.discard("¥")
    if len(found) > 1:
        raise ValueError(f"'{text}' names two currencies")
    return found.pop() if found else None


def date_parser(date_format: str) -> Callable[[str], date]:
    """A fast parser for ISO dates, strptime for every other format."""
    if date_format == "%Y-%m-%d":
        return lambda text: date.fromisoformat(text.strip())
    return lambda text: datetime.strptime(text.strip(), date_format).date()


@dataclass(frozen=True)
class ExportColumns:
    """Header columns of fopymes' own export, read when the file has them (older exports
    lack some): a transfer's account it reached, what arrived there and in which currency,
    and every row's payee and tags."""

    account: str
    amount: str
    currency: str
    payee: str = "payee"
    tags: str = "tags"


@dataclass
class CsvRead:
    """What a CSV file says under a mapping."""

    layout: Layout
    lines: list[StatementLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)


class RowReader:
    """Reads one data row into `CsvRead` (the per-row half of parse_csv)."""

    def __init__(self, mapping: CsvMapping, columns: dict[str, int]) -> None:
        self.mapping = mapping
        self.columns = columns
        self.parse_day = date_parser(mapping.date_format)
        self.out_values = {v.casefold() for v in mapping.out_values or DIRECTION_OUT}
        self.in_values = {v.casefold() for v in mapping.in_values or DIRECTION_IN}

    def cell(self, fields: list[str], name: str) -> str | None:
        index = self.columns.get(name)
        if index is None:
            return None
        return fields[index].strip() if index < len(fields) else ""

    def not_data(self, fields: list[str]) -> str | None:
        """Why a row is not a statement line (skip_summary_rows), or None."""
        text = self.cell(fields, "date") or ""
        try:
            self.parse_day(text)
        except ValueError:
            return f"date '{text[:40]}' is not a {self.mapping.date_format} date"
        money = [self.cell(fields, name) for name in ("amount", "debit", "credit")]
        if not any(money):
            return "has no amount"
        return None

    def read(self, number: int, fields: list[str], result: CsvRead) -> None:
        def cell(name: str) -> str | None:
            return self.cell(fields, name)

        problems: list[RowError] = []
        day = None
        try:
            day = self.parse_day(cell("date") or "")
        except ValueError:
            message = f"'{cell('date')}' does not match {self.mapping.date_format}"
            problems.append(RowError(number, "date", message))
        amount = self._amount(number, cell, problems)
        fee = self._number(number, "fee", cell, problems)
        currency = self._currency(number, cell, problems)
        description = " ".join((cell("description") or "").split())
        if not description:
            description = " ".join((cell("description_fallback") or "").split())
        if not description:
            problems.append(RowError(number, "description", "is empty"))
        reached = cell("counter_account") or None
        arrived = self._number(number, "counter_amount", cell, problems) if reached else None
        if problems or day is None or amount is None:
            result.errors.extend(problems)
            return
        if amount == 0 and self.mapping.skip_zero:
            result.skipped.append(RowError(number, "amount", "is zero"))
        else:
            result.lines.append(
                StatementLine(
                    line=number,
                    date=day,
                    amount=amount,
                    description=description,
                    currency=currency,
                    category=cell("category") or None,
                    method=cell("method") or None,
                    note=cell("note") or None,
                    counter_account=reached,
                    counter_amount=arrived,
                    counter_currency=(cell("counter_currency") or None) if reached else None,
                    payee=" ".join((cell("payee") or "").split()) or None,
                    tags=tuple((cell("tags") or "").split()),
                )
            )
        if fee:
            result.lines.append(
                StatementLine(
                    line=number,
                    date=day,
                    amount=self._fee_amount(fee),
                    description=f"Fee: {description}",
                    currency=currency,
                    method=cell("method") or None,
                )
            )

    def _fee_amount(self, fee: Decimal) -> Decimal:
        """A charge (money out) unless the profile says fees are signed, then what the
        sign says, read as the amount's is."""
        if not self.mapping.fee_signed:
            return -fee.copy_abs()
        return -fee if self.mapping.sign is SignConvention.POSITIVE_IS_EXPENSE else fee

    def _currency(
        self, number: int, cell: Callable[[str], str | None], problems: list[RowError]
    ) -> str | None:
        """The row's currency: its column's, else the one its money is written in.

        Money written in another currency than the row's column (or the profile's fixed
        currency) says two things; reading either would write the wrong money.
        """
        stated = cell("currency_column") or None
        given = stated or self.mapping.currency
        for name in ("amount", "debit", "credit", "fee"):
            text = cell(name)
            if not text or _PLAIN.fullmatch(text):
                continue
            try:
                mark = currency_mark(text)
            except ValueError as exc:
                problems.append(RowError(number, name, str(exc)))
                return stated
            if mark is None:
                continue
            if given is not None and mark != given.strip().upper():
                message = f"'{text}' is in {mark}, but the row's currency is {given}"
                problems.append(RowError(number, name, message))
                return stated
            given = stated = stated or mark
        return stated

    def _number(
        self,
        number: int,
        name: str,
        cell: Callable[[str], str | None],
        problems: list[RowError],
    ) -> Decimal | None:
        text = cell(name)
        if not text:
            return None
        try:
            return parse_number(text, self.mapping.decimal, self.mapping.thousands)
        except ValueError as exc:
            problems.append(RowError(number, name, str(exc)))
            return None

    def _amount(
        self, number: int, cell: Callable[[str], str | None], problems: list[RowError]
    ) -> Decimal | None:
        mapping = self.mapping
        if mapping.amount is not None:
            value = self._number(number, "amount", cell, problems)
            if value is None:
                if not problems:
                    problems.append(RowError(number, "amount", "is empty"))
                return None
            if mapping.direction is not None:
                return self._directed(number, value, cell("direction") or "", problems)
            return -value if mapping.sign is SignConvention.POSITIVE_IS_EXPENSE else value
        debit = self._number(number, "debit", cell, problems)
        credit = self._number(number, "credit", cell, problems)
        if problems:
            return None
        if debit is None and credit is None:
            problems.append(RowError(number, "amount", "both debit and credit are empty"))
            return None
        return (credit or Decimal(0)).copy_abs() - (debit or Decimal(0)).copy_abs()

    def _directed(
        self, number: int, value: Decimal, direction: str, problems: list[RowError]
    ) -> Decimal | None:
        key = direction.casefold()
        if key in self.out_values:
            return -value.copy_abs()
        if key in self.in_values:
            return value.copy_abs()
        outs, ins = "/".join(sorted(self.out_values)), "/".join(sorted(self.in_values))
        problems.append(
            RowError(number, "direction", f"'{direction}' is neither out ({outs}) nor in ({ins})")
        )
        return None
