"""Reading OFX and QFX statements (1.x SGML, 2.x XML): bank, card and investment (pure).

The tree comes from `ofx_tree` (tolerant of what banks really send); this module reads
the statement parts out of it and checks each value it uses, naming the line: an amount
must be a plain decimal (never NaN, Infinity or 1e5), a date must be a real date. The
bank's FITID of each line is kept as its external id: it is what makes a re-imported or
overlapping statement recognisable. A line without a FITID is fingerprinted by what it
says, like a CSV line.

Investment statements import their cash movements only: money moved in or out of the
account (INVBANKTRAN), the total of buys and sells, income, expenses and interest.
Lines that move only holdings (a TRANSFER of units, a SPLIT, a REINVEST whose income is
spent at once) change no cash and are listed as skipped; positions are not imported.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.ofx_tree import Node, parse_tree
from fopymes_server.imports.schemas import Balance, RowError, StatementLine
from fopymes_server.imports.statements import Statement, last_four, plain_amount

_STATEMENTS = {"STMTRS": "BANKACCTFROM", "CCSTMTRS": "CCACCTFROM", "INVSTMTRS": "INVACCTFROM"}
_CASH = {  # investment transactions that move cash, and how to describe them
    "BUYDEBT": "Buy",
    "BUYMF": "Buy",
    "BUYOPT": "Buy",
    "BUYOTHER": "Buy",
    "BUYSTOCK": "Buy",
    "SELLDEBT": "Sell",
    "SELLMF": "Sell",
    "SELLOPT": "Sell",
    "SELLOTHER": "Sell",
    "SELLSTOCK": "Sell",
    "INCOME": "Income",
    "INVEXPENSE": "Expense",
    "MARGININTEREST": "Margin interest",
    "RETOFCAP": "Return of capital",
}
_HOLDINGS = {"TRANSFER", "SPLIT", "REINVEST", "CLOSUREOPT", "JRNLSEC", "JRNLFUND"}


def parse_ofx(data: bytes) -> list[Statement]:
    """Every statement in the file, lines in file order.

    Raises ValidationError when the file is not OFX, or holds no statement (naming the
    bank's error when a statement response carries one instead).
    """
    ofx = parse_tree(data)
    found: list[Statement] = []
    for node in ofx.walk():
        if node.name in _STATEMENTS:
            found.append(_statement(node, _STATEMENTS[node.name]))
    if not found:
        raise ValidationError("file", _why_empty(ofx))
    return found


def _why_empty(ofx: Node) -> str:
    for node in ofx.walk():
        if node.name.endswith("TRNRS"):
            code, message = node.text("STATUS/CODE"), node.text("STATUS/MESSAGE")
            if code and code != "0":
                said = f": {message[:80]}" if message else ""
                return f"line {node.line}: the bank answered with error {code}{said}"
    return "holds no bank, credit card or investment statement"


def _statement(node: Node, account_tag: str) -> Statement:
    account = node.find(account_tag)
    acctid = account.text("ACCTID") if account else ""
    bankid = (account.text("BANKID") or account.text("BROKERID")) if account else ""
    key = f"{bankid}/{acctid}" if bankid else acctid
    currency = node.text("CURDEF").upper() or None
    errors: list[RowError] = []
    lines: list[StatementLine] = []
    skipped: list[RowError] = []
    if node.name == "INVSTMTRS":
        _investment_lines(node.find("INVTRANLIST"), lines, errors, skipped)
    else:
        listing = node.find("BANKTRANLIST")
        for item in listing.findall("STMTTRN") if listing else []:
            line = _bank_line(item, errors)
            if line is not None:
                lines.append(line)
    closing = _balance(node.find("LEDGERBAL"), errors)
    return Statement(key, last_four(acctid), currency, lines, errors, skipped, closing=closing)


def _amount(node: Node, tag: str, errors: list[RowError], line: int) -> Decimal | None:
    """The Decimal under `tag`, or None with a RowError (missing, or not a plain number)."""
    found = node.find(tag)
    text = (found.value or "").strip() if found is not None else ""
    if not text:
        errors.append(RowError(line, "amount", f"{tag} is missing"))
        return None
    value = plain_amount(text)
    if value is None:
        where = found.line if found is not None else line
        errors.append(RowError(where, "amount", f"{tag} '{text[:40]}' is not a decimal number"))
    return value


def _date(node: Node, tags: tuple[str, ...], errors: list[RowError], line: int) -> date | None:
    for tag in tags:
        found = node.find(tag)
        text = (found.value or "").strip() if found is not None else ""
        if found is not None and text:
            day = ofx_date(text)
            if day is None:
                errors.append(RowError(found.line, "date", f"{tag} '{text[:40]}' is not a date"))
            return day
    errors.append(RowError(line, "date", f"{tags[0]} is missing"))
    return None


def ofx_date(text: str) -> date | None:
    """The day of an OFX datetime (`20261102`, `20261102120000.000[-5:EST]`)."""
    digits = text.strip()[:8]
    if len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _bank_line(item: Node, errors: list[RowError]) -> StatementLine | None:
    before = len(errors)
    amount = _amount(item, "TRNAMT", errors, item.line)
    day = _date(item, ("DTPOSTED", "DTUSER"), errors, item.line)
    if len(errors) > before or amount is None or day is None:
        return None
    name = " ".join((item.text("NAME") or item.text("PAYEE/NAME")).split())
    memo = " ".join(item.text("MEMO").split()) or None
    currency = item.text("CURRENCY/CURSYM") or None
    return StatementLine(
        line=item.line,
        date=day,
        amount=amount,
        description=name or memo or item.text("TRNTYPE") or "OFX transaction",
        note=memo if name else None,
        currency=currency,
        external_id=item.text("FITID") or None,
        payee=name or None,
    )


def _investment_lines(
    listing: Node | None,
    lines: list[StatementLine],
    errors: list[RowError],
    skipped: list[RowError],
) -> None:
    for item in listing.children if listing else []:
        if item.name == "INVBANKTRAN":
            cash = item.find("STMTTRN")
            line = _bank_line(cash, errors) if cash is not None else None
            if line is not None:
                lines.append(line)
        elif item.name in _CASH:
            line = _investment_cash(item, errors)
            if line is not None:
                lines.append(line)
        elif item.name in _HOLDINGS:
            skipped.append(RowError(item.line, item.name, "moves holdings, not cash"))


def _investment_cash(item: Node, errors: list[RowError]) -> StatementLine | None:
    detail = next((c for c in item.children if c.find("INVTRAN") is not None), item)
    trade = detail.find("INVTRAN") or item
    before = len(errors)
    amount = _amount(detail, "TOTAL", errors, item.line)
    day = _date(trade, ("DTTRADE", "DTSETTLE"), errors, item.line)
    if len(errors) > before or amount is None or day is None:
        return None
    security = detail.text("SECID/UNIQUEID")
    units = detail.text("UNITS").lstrip("+-")
    what = _CASH[item.name]
    if what in ("Buy", "Sell") and units:
        what = f"{what} {units} units"
    description = " ".join(f"{what} {security}".split())
    return StatementLine(
        line=item.line,
        date=day,
        amount=amount,
        description=description,
        note=" ".join(trade.text("MEMO").split()) or None,
        currency=detail.text("CURRENCY/CURSYM") or None,
        external_id=trade.text("FITID") or None,
    )


def _balance(node: Node | None, errors: list[RowError]) -> Balance | None:
    """LEDGERBAL as the closing balance; an empty or missing BALAMT is no balance."""
    found = node.find("BALAMT") if node is not None else None
    text = (found.value or "").strip() if found is not None else ""
    if node is None or found is None or not text:
        return None
    amount = plain_amount(text)
    if amount is None:
        message = f"BALAMT '{text[:40]}' is not a decimal number"
        errors.append(RowError(found.line, "balance", message))
        return None
    return Balance(amount, ofx_date(node.text("DTASOF")), found.line)
