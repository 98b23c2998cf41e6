"""Reading ISO 20022 CAMT.053 statements (and CAMT.052 reports, CAMT.054 notifications,
which hold the same entries) with line numbers (pure).

Why not pycamt: it reads CAMT.053 only, needs lxml, and returns no line numbers to name
in an error. The XML is parsed here with expat directly, which gives each element's
line, and safely for an upload: a DOCTYPE (and with it every entity declaration) is
refused before anything is expanded, so no external entity is fetched and no entity
expands recursively. Booked entries (BOOK) are imported; pending or information-only
ones (PDNG, INFO) are listed as left out. The bank's AcctSvcrRef, where given, is the
line's id for duplicates; OPBD/PRCD and CLBD are the opening and closing balances.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.parsers import expat

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.ofx_tree import Node
from fopymes_server.imports.schemas import Balance, RowError, StatementLine
from fopymes_server.imports.statements import Statement, last_four, plain_amount

_CONTAINERS = {
    "BKTOCSTMRSTMT": "STMT",
    "BKTOCSTMRACCTRPT": "RPT",
    "BKTOCSTMRDBTCDTNTFCTN": "NTFCTN",
}
_OPENING = ("OPBD", "PRCD")
_CLOSING = ("CLBD",)


class _NoDoctype(Exception):
    pass


def _refuse_doctype(*_: object) -> None:
    raise _NoDoctype


def parse_tree(data: bytes) -> Node:
    """The document element, names upper-cased without namespaces, with line numbers."""
    root = Node("ROOT", 1)
    stack = [root]
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype

    def start(name: str, attributes: dict[str, str]) -> None:
        node = Node(name.rsplit(" ", 1)[-1].upper(), parser.CurrentLineNumber)
        node.attributes = {k.rsplit(" ", 1)[-1]: v for k, v in attributes.items()}
        node.value = ""
        stack[-1].children.append(node)
        stack.append(node)

    def text(content: str) -> None:
        stack[-1].value = (stack[-1].value or "") + content

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop()
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _NoDoctype:
        line = parser.CurrentLineNumber
        raise ValidationError("file", f"line {line}: a DOCTYPE is not allowed in CAMT") from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        message = f"line {exc.lineno}: is not well-formed XML ({reason})"
        raise ValidationError("file", message) from None
    except LookupError as exc:  # the XML declaration names an encoding Python lacks
        raise ValidationError("file", f"line 1: names an unknown encoding ({exc})") from None
    if not root.children:
        raise ValidationError("file", "is not a CAMT statement (no XML element)")
    return root.children[0]


def parse_camt(data: bytes) -> list[Statement]:
    """Every statement (053), report (052) or notification (054) of the file.

    Raises ValidationError when the file is not CAMT or holds none.
    """
    document = parse_tree(data)
    found: list[Statement] = []
    for container, item in _CONTAINERS.items():
        for node in document.findall(container):
            found += [_statement(statement) for statement in node.findall(item)]
    if not found:
        raise ValidationError(
            "file",
            f"line {document.line}: is not a CAMT.052/053/054 message with a statement "
            f"(it starts with <{document.name.title()}>)",
        )
    return found


def _signed(node: Node, errors: list[RowError], field: str) -> Decimal | None:
    amount = node.find("AMT")
    text = (amount.value or "").strip() if amount is not None else ""
    value = plain_amount(text) if "," not in text else None
    if amount is None or value is None:
        where = amount.line if amount is not None else node.line
        errors.append(RowError(where, field, f"Amt '{text[:40]}' is not a decimal number"))
        return None
    indicator = node.text("CDTDBTIND")
    if indicator not in ("CRDT", "DBIT"):
        errors.append(RowError(node.line, field, f"CdtDbtInd '{indicator}' is not CRDT or DBIT"))
        return None
    return -value if indicator == "DBIT" else value


def _date(node: Node | None) -> date | None:
    if node is None:
        return None
    text = node.text("DT") or node.text("DTTM")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _statement(node: Node) -> Statement:
    account = node.text("ACCT/ID/IBAN") or node.text("ACCT/ID/OTHR/ID")
    errors: list[RowError] = []
    skipped: list[RowError] = []
    balances: dict[str, Balance] = {}
    for balance in node.findall("BAL"):
        code = balance.text("TP/CDORPRTRY/CD") or balance.text("TP/CDORPRTRY/PRTRY")
        amount = _signed(balance, errors, "balance")
        if amount is not None and code not in balances:
            balances[code] = Balance(amount, _date(balance.find("DT")), balance.line)
    lines = []
    for entry in node.findall("NTRY"):
        status = entry.text("STS/CD") or entry.text("STS")
        if status and status != "BOOK":
            skipped.append(RowError(entry.line, "status", f"is {status}, not booked"))
            continue
        line = _entry(entry, errors)
        if line is not None:
            lines.append(line)
    opening = next((balances[c] for c in _OPENING if c in balances), None)
    closing = next((balances[c] for c in _CLOSING if c in balances), None)
    return Statement(
        account=account,
        last_four=last_four(account),
        currency=node.text("ACCT/CCY").upper() or None,
        lines=lines,
        errors=errors,
        skipped=skipped,
        opening=opening,
        closing=closing,
    )


def _entry(entry: Node, errors: list[RowError]) -> StatementLine | None:
    before = len(errors)
    amount = _signed(entry, errors, "amount")
    day = _date(entry.find("BOOKGDT")) or _date(entry.find("VALDT"))
    if day is None:
        errors.append(RowError(entry.line, "date", "BookgDt (or ValDt) is missing or not a date"))
    if len(errors) > before or amount is None or day is None:
        return None
    details = entry.find("NTRYDTLS/TXDTLS")
    party = ""
    purpose = ""
    reference = entry.text("ACCTSVCRREF")
    if details is not None:
        side = "CDTR" if amount < 0 else "DBTR"
        party = details.text(f"RLTDPTIES/{side}/NM") or details.text(f"RLTDPTIES/{side}/PTY/NM")
        remittance = details.find("RMTINF") or details
        purpose = " ".join(u.value or "" for u in remittance.findall("USTRD"))
        reference = reference or details.text("REFS/ACCTSVCRREF")
    info = entry.text("ADDTLNTRYINF")
    description = " ".join((party or purpose or info or "CAMT entry").split())
    note = " ".join(purpose.split()) if party and purpose else None
    currency = entry.find("AMT")
    return StatementLine(
        line=entry.line,
        date=day,
        amount=amount,
        description=description,
        note=note,
        currency=currency.attributes.get("Ccy") if currency is not None else None,
        external_id=reference or None,
        payee=" ".join(party.split()) or None,
    )
