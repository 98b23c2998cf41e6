"""Reading OFX and QFX statements (OFX 1.x SGML and 2.x XML) with ofxtools (pure).

Why ofxtools: it is maintained, typed, and parses both OFX generations, including the
SGML dialect with unclosed tags that most banks still send; hand-written OFX parsing is a
known source of silent misreads. It is imported inside `parse_ofx`, so only `import ofx`
loads it. The bank's FITID of each line is kept as its external id: it is what makes a
re-imported or overlapping statement recognisable.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from typing import Any

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.schemas import RowError, StatementLine

_TRANSACTION_TAG = re.compile(rb"<STMTTRN>", re.IGNORECASE)
_AMOUNT_TAG = re.compile(rb"<TRNAMT>\s*([^<\r\n]*)", re.IGNORECASE)
# What a bank writes for money: digits with one decimal mark (a comma in some banks'
# files). Decimal() would also take NaN, Infinity and 1e5, which no statement means.
_AMOUNT = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


@dataclass(frozen=True, slots=True)
class OfxStatement:
    account: str
    """`BANKID/ACCTID` (or the card number) that the lines belong to."""
    last_four: str
    currency: str
    lines: list[StatementLine]
    errors: list[RowError]


def _transactions(data: bytes) -> list[tuple[int, RowError | None]]:
    """(line number, the amount's problem or None) of each STMTTRN, in file order."""
    starts = [match.start() for match in _TRANSACTION_TAG.finditer(data)]
    found: list[tuple[int, RowError | None]] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        number = data.count(b"\n", 0, start) + 1
        amount = _AMOUNT_TAG.search(data, start, end)
        problem = None
        if amount is not None:
            text = amount.group(1).decode("latin-1").strip()
            if text and not _AMOUNT.fullmatch(text):
                line = data.count(b"\n", 0, amount.start()) + 1
                problem = RowError(line, "amount", f"TRNAMT '{text[:40]}' is not a decimal number")
        found.append((number, problem))
    return found


def _account_key(account: Any) -> tuple[str, str]:
    acctid = str(getattr(account, "acctid", "") or "").strip()
    bankid = str(getattr(account, "bankid", "") or "").strip()
    key = f"{bankid}/{acctid}" if bankid else acctid
    digits = "".join(ch for ch in acctid if ch.isdigit())
    return key, digits[-4:]


def parse_ofx(data: bytes) -> list[OfxStatement]:
    """Every statement in the file (bank and credit card), lines in file order.

    Raises ValidationError when the file is not OFX or holds no statement. A line without
    an amount, a date or a FITID is a RowError with its line number in the file.
    """
    from ofxtools.Parser import OFXTree

    tree = OFXTree()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # length warnings about over-long bank ids
            tree.parse(io.BytesIO(data))
            ofx = tree.convert()
    except Exception as exc:  # ofxtools raises several unrelated types for bad input
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValidationError("file", f"is not a readable OFX statement ({message})") from None
    statements = list(getattr(ofx, "statements", None) or [])
    if not statements:
        raise ValidationError("file", "holds no bank or credit card statement")
    numbers = iter(_transactions(data))
    found: list[OfxStatement] = []
    for statement in statements:
        key, last_four = _account_key(statement.account)
        lines: list[StatementLine] = []
        errors: list[RowError] = []
        # A statement without BANKTRANLIST has no transactions (None, not an empty list).
        for index, item in enumerate(statement.transactions or [], start=1):
            number, problem = next(numbers, (index, None))
            if problem is not None:
                errors.append(problem)
                continue
            line = _line(number, item, errors)
            if line is not None:
                lines.append(line)
        found.append(OfxStatement(key, last_four, str(statement.curdef), lines, errors))
    return found


def _line(number: int, item: Any, errors: list[RowError]) -> StatementLine | None:
    if item.trnamt is None:
        errors.append(RowError(number, "amount", "TRNAMT is missing"))
    if item.dtposted is None:
        errors.append(RowError(number, "date", "DTPOSTED is missing"))
    if not item.fitid:
        errors.append(RowError(number, "id", "FITID is missing"))
    if item.trnamt is None or item.dtposted is None or not item.fitid:
        return None
    name = " ".join(str(item.name or getattr(item, "payee", None) or "").split())
    memo = " ".join(str(item.memo or "").split()) or None
    return StatementLine(
        line=number,
        date=item.dtposted.date(),
        amount=item.trnamt,
        description=name or memo or str(item.trntype),
        note=memo if name else None,
        currency=str(item.currency.cursym) if getattr(item, "currency", None) else None,
        external_id=str(item.fitid),
    )
