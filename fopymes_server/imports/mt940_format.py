"""Reading SWIFT MT940 customer statements (pure).

A statement is a run of `:TAG:` fields: :25: the account (IBAN or bank code/number),
:60F:/:60M: the opening balance, :61: a movement and :86: its details, :62F:/:62M: the
closing balance; a file may hold several, each starting at :20:, inside SWIFT blocks or
not. Why not mt-940: it silently drops a :61: line it cannot read (a typo in an amount
makes the money vanish from the import) and gives no line numbers; here every :61: either
becomes a line or an error naming its line. The bank reference after `//` is the line's
id for duplicates where the bank gives one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.schemas import Balance, RowError, StatementLine
from fopymes_server.imports.statements import Statement, last_four

_TAG = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")
_BALANCE = re.compile(r"([CD])(\d{6})([A-Z]{3})(\d{1,15}(?:,\d*)?)$")
_MOVEMENT = re.compile(
    r"(?P<date>\d{6})(?P<entry>\d{4})?(?P<mark>R?[CD])[A-Z]?(?P<amount>\d{1,15},\d*)"
    r"(?P<type>[NSF][A-Z0-9]{3})(?P<customer>(?:(?!//).){0,16})(?://(?P<bank>.{0,23}))?$"
)
_SUBFIELD = re.compile(r"\?(\d{2})")


@dataclass
class _Field:
    tag: str
    line: int
    text: str


@dataclass
class _Open:
    account: str = ""
    currency: str | None = None
    opening: Balance | None = None
    closing: Balance | None = None
    lines: list[StatementLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _fields(text: str) -> list[_Field]:
    found: list[_Field] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("{") and ":" in line[:4]:  # a SWIFT block header: {1:...}{4:
            continue
        if line in ("-", "-}", "}"):
            continue
        match = _TAG.match(line)
        if match:
            found.append(_Field(match.group(1), number, match.group(2)))
        elif found and line:
            found[-1].text += "\n" + line
    return found


def _date(text: str) -> date | None:
    try:
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None


def _balance(item: _Field, errors: list[RowError], statement: _Open) -> Balance | None:
    match = _BALANCE.match(item.text.strip())
    day = _date(match.group(2)) if match else None
    if match is None or day is None:
        message = f":{item.tag}: '{item.text[:40]}' is not C/D, YYMMDD, currency and amount"
        errors.append(RowError(item.line, "balance", message))
        return None
    statement.currency = statement.currency or match.group(3)
    amount = Decimal(match.group(4).replace(",", "."))
    return Balance(-amount if match.group(1) == "D" else amount, day, item.line)


def _payee(details: str) -> str | None:
    """The counterparty's name in :86: when the bank structures it (`?32`/`?33`, `/NAME/`)."""
    flat = " ".join(details.split("\n"))
    if "?" in flat[:5] and _SUBFIELD.search(flat):
        parts = _SUBFIELD.split(flat)
        names = [
            v for code, v in zip(parts[1::2], parts[2::2], strict=False) if code in ("32", "33")
        ]
        return " ".join(" ".join(names).split()) or None
    structured = re.search(r"/NAME/([^/]*)", flat)
    return " ".join(structured.group(1).split()) or None if structured else None


def _description(details: str) -> tuple[str, str | None]:
    """(description, note) from :86:, reading German `?NN` subfields where present."""
    flat = " ".join(details.split("\n"))
    if "?" in flat[:5] and _SUBFIELD.search(flat):
        parts = _SUBFIELD.split(flat)
        sub: dict[str, list[str]] = {}
        for code, value in zip(parts[1::2], parts[2::2], strict=False):
            sub.setdefault(code, []).append(value.strip())
        name = " ".join(sub.get("32", []) + sub.get("33", []))
        purpose = " ".join(v for code in map(str, range(20, 30)) for v in sub.get(code, []))
        return " ".join((name or purpose or " ".join(sub.get("00", []))).split()), (
            " ".join(purpose.split()) if name and purpose else None
        )
    structured = re.search(r"/NAME/([^/]*)", flat)
    remittance = re.search(r"/REMI/(?:USTD//)?([^/]*)", flat)
    if structured:
        note = remittance.group(1).strip() if remittance else None
        return structured.group(1).strip(), note or None
    return " ".join(flat.split()), None


def parse_mt940(data: bytes) -> list[Statement]:
    """Every statement of the file; ValidationError when it holds none."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    statements: list[_Open] = []
    current: _Open | None = None
    pending: tuple[_Field, re.Match[str]] | None = None
    for item in _fields(text):
        if item.tag == "20" or current is None:
            current = _Open()
            statements.append(current)
        if item.tag != "86" and pending is not None:
            _add(current, *pending, details="")
            pending = None
        if item.tag == "25":
            current.account = item.text.strip()
        elif item.tag in ("60F", "60M"):
            current.opening = current.opening or _balance(item, current.errors, current)
        elif item.tag in ("62F", "62M"):
            current.closing = _balance(item, current.errors, current)
        elif item.tag == "61":
            first = item.text.split("\n", 1)[0].strip()
            match = _MOVEMENT.match(first)
            if match is None or _date(match.group("date")) is None:
                message = f":61: '{first[:40]}' is not an MT940 movement"
                current.errors.append(RowError(item.line, "amount", message))
            else:
                pending = (item, match)
        elif item.tag == "86" and pending is not None:
            _add(current, *pending, details=item.text)
            pending = None
    if pending is not None and current is not None:
        _add(current, *pending, details="")
    found = [s for s in statements if s.account]
    if not found:
        raise ValidationError("file", "is not an MT940 statement (no :25: account field)")
    return [
        Statement(
            s.account,
            last_four(s.account),
            s.currency,
            s.lines,
            s.errors,
            opening=s.opening,
            closing=s.closing,
        )
        for s in found
    ]


def _add(statement: _Open, item: _Field, match: re.Match[str], *, details: str) -> None:
    day = _date(match.group("date"))
    if day is None:  # checked when the :61: was read
        return
    amount = Decimal(match.group("amount").replace(",", "."))
    mark = match.group("mark")
    signed = -amount if mark in ("D", "RC") else amount
    description, note = _description(details) if details.strip() else ("", None)
    customer = match.group("customer").strip()
    bank = (match.group("bank") or "").strip()
    fallback = customer if customer and customer != "NONREF" else match.group("type")
    statement.lines.append(
        StatementLine(
            line=item.line,
            date=day,
            amount=signed,
            description=description or fallback,
            note=note,
            currency=statement.currency,
            external_id=bank or None,
            payee=_payee(details),
        )
    )
