"""Reading Norma 43 (AEB / CSB Cuaderno 43) statements of Spanish banks (pure).

Fixed-width records of 80 characters: 11 opens an account (bank, branch, account number,
opening balance, currency), 22 is a movement, 23 adds concept text to it, 24 its amount
in another currency, 33 closes the account (counts and sums of debits and credits, the
closing balance) and 88 ends the file with the number of records. Why not csb43: it
warns on stderr about references without control digits (which most banks send), pulls
in pycountry, and its messages carry no line numbers; the format is simple enough that
reading it here gives exact line numbers and every check the 33 record allows: counts,
sums and the closing balance must agree with the movements, or the file is refused.
Movements have no bank id, so they are fingerprinted by what they say, like CSV lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.schemas import Balance, StatementLine
from fopymes_server.imports.statements import Statement

# ISO 4217 numeric codes of the currencies Spanish banks keep accounts in.
_CURRENCIES = {"978": "EUR", "840": "USD", "826": "GBP", "756": "CHF", "392": "JPY"}
_CONCEPTS = {
    "01": "Talones / reintegros",
    "02": "Abonarés / entregas / ingresos",
    "03": "Domiciliados / recibos",
    "04": "Giros / transferencias / traspasos",
    "05": "Amortizaciones de préstamos",
    "06": "Remesas de efectos",
    "07": "Suscripciones / dividendos",
    "08": "Dividendos / cupones",
    "09": "Operaciones de bolsa",
    "10": "Cheques de gasolina",
    "11": "Cajero automático",
    "12": "Tarjetas de crédito / débito",
    "13": "Operaciones con el extranjero",
    "14": "Devoluciones e impagados",
    "15": "Nóminas / seguros sociales",
    "16": "Timbres / corretaje / póliza",
    "17": "Intereses / comisiones / gastos",
    "98": "Anulaciones / correcciones",
    "99": "Varios",
}


@dataclass
class _Movement:
    line: int
    day: date
    amount: Decimal
    references: list[str]
    concepts: list[str] = field(default_factory=list)
    common: str = ""


@dataclass
class _Account:
    line: int
    key: str
    currency: str
    opening: Balance
    end: date
    movements: list[_Movement] = field(default_factory=list)
    closing: Balance | None = None


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")


def _day(text: str, line: int, what: str) -> date:
    if not text.isdigit():
        raise _Refused(line, f"{what} '{text}' is not a YYMMDD date")
    try:
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise _Refused(line, f"{what} '{text}' is not a YYMMDD date") from None


def _money(sign: str, digits: str, line: int, what: str) -> Decimal:
    """Signed amount of a `1`/`2` (debit/credit) mark and 14 digits with 2 decimals."""
    # isdigit() alone accepts superscripts and other scripts' digits that Decimal refuses.
    if sign not in ("1", "2") or not (digits.isascii() and digits.isdigit()):
        raise _Refused(line, f"{what} '{sign}{digits.strip()}' is not a Norma 43 amount")
    value = Decimal(digits).scaleb(-2)
    return -value if sign == "1" else value


def parse_norma43(data: bytes) -> list[Statement]:
    """Every account of the file. Raises ValidationError naming the line for a file that
    is not Norma 43 or whose record 33 / 88 does not agree with its movements."""
    text = data.decode("latin-1")  # the format's own charset; every byte decodes
    try:
        return _parse(text.splitlines())
    except _Refused as exc:
        raise ValidationError("file", str(exc)) from None


def _parse(lines: list[str]) -> list[Statement]:
    accounts: list[_Account] = []
    current: _Account | None = None
    count = 0
    ended = False
    for number, raw in enumerate(lines, start=1):
        record = raw.rstrip("\r\n")
        if not record.strip():
            continue
        if ended:
            raise _Refused(number, "there is data after the end-of-file record 88")
        if len(record) > 80 and record[80:].strip():
            raise _Refused(number, f"a record has 80 characters, this one {len(record)}")
        record = record[:80].ljust(80)
        code = record[:2]
        if code == "11":
            if current is not None and current.closing is None:
                raise _Refused(number, "an account starts before the last one was closed (33)")
            current = _open(record, number)
            accounts.append(current)
        elif code in ("22", "23", "24", "33"):
            if current is None or current.closing is not None:
                raise _Refused(number, f"record {code} outside an account (11 ... 33)")
            if code == "22":
                current.movements.append(_movement(record, number))
            elif code == "23" and current.movements:
                texts = (record[4:42], record[42:80])
                current.movements[-1].concepts += [t.strip() for t in texts if t.strip()]
            elif code == "33":
                _close(current, record, number)
        elif code == "88":
            declared = record[20:26]
            if not (declared.isascii() and declared.isdigit()) or int(declared) != count:
                raise _Refused(number, f"record 88 counts {declared} records, the file has {count}")
            ended = True
            continue
        else:
            raise _Refused(number, f"'{code}' is not a Norma 43 record (11, 22, 23, 24, 33, 88)")
        count += 1
    if not accounts:
        raise _Refused(1, "is not a Norma 43 file (no account record 11)")
    if accounts[-1].closing is None:
        raise _Refused(len(lines), "the last account has no closing record 33 (truncated?)")
    return [_statement(account) for account in accounts]


def _open(record: str, number: int) -> _Account:
    bank, branch, account = record[2:6], record[6:10], record[10:20]
    currency = _CURRENCIES.get(record[47:50])
    if currency is None:
        raise _Refused(number, f"currency code '{record[47:50]}' is not one fopymes knows")
    opening = _money(record[32], record[33:47], number, "opening balance")
    start = _day(record[20:26], number, "start date")
    end = _day(record[26:32], number, "end date")
    key = f"{bank}/{branch}/{account}"
    return _Account(number, key, currency, Balance(opening, start, number), end)


def _movement(record: str, number: int) -> _Movement:
    day = _day(record[10:16], number, "date")
    amount = _money(record[27], record[28:42], number, "amount")
    references = [record[52:64].strip(), record[64:80].strip()]
    return _Movement(number, day, amount, references, common=record[22:24])


def _close(account: _Account, record: str, number: int) -> None:
    debits = [m.amount for m in account.movements if m.amount < 0]
    credits = [m.amount for m in account.movements if m.amount > 0]
    checks = [
        ("debits", record[20:25], record[25:39], len(debits), -sum(debits, Decimal(0))),
        ("credits", record[39:44], record[44:58], len(credits), sum(credits, Decimal(0))),
    ]
    for what, count_text, total_text, count, total in checks:
        stated = _money("2", total_text, number, f"total {what}")
        if (
            not (count_text.isascii() and count_text.isdigit())
            or int(count_text) != count
            or stated != total
        ):
            raise _Refused(
                number,
                f"record 33 states {count_text.lstrip('0') or '0'} {what} of {stated:f}, "
                f"the movements are {count} of {total:f}",
            )
    closing = _money(record[58], record[59:73], number, "closing balance")
    account.closing = Balance(closing, account.end, number)


def _statement(account: _Account) -> Statement:
    lines = []
    for movement in account.movements:
        concept = " ".join(" ".join(movement.concepts).split())
        reference = movement.references[1]
        description = concept or reference or _CONCEPTS.get(movement.common, "Movimiento")
        lines.append(
            StatementLine(
                line=movement.line,
                date=movement.day,
                amount=movement.amount,
                description=description,
                note=reference if concept and reference and reference not in concept else None,
            )
        )
    return Statement(
        account=account.key,
        last_four=account.key[-4:],
        currency=account.currency,
        lines=lines,
        errors=[],
        opening=account.opening,
        closing=account.closing,
    )
