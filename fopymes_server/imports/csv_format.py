"""Reading a bank's CSV with a mapping: encoding, delimiter, header, numbers, dates (pure).

Banks write CSV every way there is: Windows-1252 or UTF-8 with a BOM, `;` because `,` is
their decimal mark, `1.234,56`, preamble lines above the header, debit and credit in two
columns. `parse_csv` turns the bytes into StatementLines and collects every bad row as a
RowError with its line number instead of stopping at the first, so a person fixes the file
once. No database, no clock.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.schemas import CsvMapping, RowError, SignConvention, StatementLine

DELIMITERS = ",;\t|"
_SPACES = re.compile(r"\s+")
_CURRENCY_MARKS = re.compile(r"[€$£¥]|\b[A-Z]{3}\b")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_DIGITS = re.compile(r"\d+(\.\d+)?|\.\d+")


def decode(data: bytes, encoding: str | None) -> str:
    """Text of `data`: the given encoding, else a BOM's, else UTF-8, else Windows-1252.

    Windows-1252 is the last resort because every byte decodes in it and it is what
    spreadsheet exports on Windows write. Raises ValidationError for a named encoding
    that does not exist or does not fit the bytes.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise ValidationError("encoding", f"'{encoding}' is not an encoding") from None
        except UnicodeDecodeError as exc:
            raise ValidationError(
                "encoding", f"the file is not {encoding} ({exc.reason})"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str, given: str | None) -> str:
    """The given delimiter, else the one csv.Sniffer finds among `,;<tab>|` (`,` if none)."""
    if given:
        return given
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first physical line number, fields) of every non-empty record.

    Raises ValidationError when the csv module gives up on the file (a field over its
    size limit, an unusable delimiter): uploads are untrusted, so never a crash.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if "".join(fields).strip():
                found.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError("file", f"line {reader.line_num}: {exc}") from None
    return found


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


def date_parser(date_format: str) -> Callable[[str], date]:
    """A fast parser for ISO dates, strptime for every other format."""
    if date_format == "%Y-%m-%d":
        return lambda text: date.fromisoformat(text.strip())
    return lambda text: datetime.strptime(text.strip(), date_format).date()


def _column(header: list[str] | None, ref: str, field: str) -> int:
    text = ref.strip()
    if text.isdigit():
        return int(text) - 1
    if header is None:
        raise ValidationError(field, f"'{ref}' must be a column number when there is no header")
    keys = [_SPACES.sub(" ", name).strip().casefold() for name in header]
    key = _SPACES.sub(" ", text).casefold()
    if key not in keys:
        shown = ", ".join(name.strip() for name in header)
        raise ValidationError(field, f"no column '{ref}' in the header ({shown})")
    return keys.index(key)


def parse_csv(data: bytes, mapping: CsvMapping) -> tuple[list[StatementLine], list[RowError]]:
    """Every data row of the file as a StatementLine, or a RowError per bad row.

    Raises ValidationError (not a RowError) when the file as a whole does not fit the
    mapping: an unknown column name, a missing header row, no data rows.
    """
    text = decode(data, mapping.encoding)
    rows = records(text, sniff_delimiter(text, mapping.delimiter))
    header: list[str] | None = None
    if mapping.header_row:
        if len(rows) < mapping.header_row:
            raise ValidationError(
                "header row", f"the file has fewer than {mapping.header_row} rows"
            )
        header = rows[mapping.header_row - 1][1]
        rows = rows[mapping.header_row :]
    columns = {
        name: _column(header, ref, name)
        for name, ref in mapping.model_dump(
            include={
                "date",
                "amount",
                "debit",
                "credit",
                "description",
                "category",
                "method",
                "currency_column",
                "note",
            }
        ).items()
        if ref is not None
    }
    parse_day = date_parser(mapping.date_format)
    lines: list[StatementLine] = []
    errors: list[RowError] = []
    width = len(header) if header is not None else None
    for number, fields in rows:
        if width is not None and any(value.strip() for value in fields[width:]):
            # Usually an unquoted decimal comma: "-45,20" split into two fields.
            message = f"has {len(fields)} fields where the header has {width}"
            errors.append(RowError(number, "row", message))
            continue
        line, problems = _parse_row(number, fields, columns, mapping, parse_day)
        if line is not None:
            lines.append(line)
        errors.extend(problems)
    return lines, errors


def _parse_row(
    number: int,
    fields: list[str],
    columns: dict[str, int],
    mapping: CsvMapping,
    parse_day: Callable[[str], date],
) -> tuple[StatementLine | None, list[RowError]]:
    width = len(fields)

    def cell(name: str) -> str | None:
        index = columns.get(name)
        if index is None:
            return None
        return fields[index].strip() if index < width else ""

    problems: list[RowError] = []
    day = None
    try:
        day = parse_day(cell("date") or "")
    except ValueError:
        problems.append(
            RowError(number, "date", f"'{cell('date')}' does not match {mapping.date_format}")
        )
    amount = _amount(number, cell, mapping, problems)
    description = " ".join((cell("description") or "").split())
    if not description:
        problems.append(RowError(number, "description", "is empty"))
    if problems or day is None or amount is None:
        return None, problems
    return StatementLine(
        line=number,
        date=day,
        amount=amount,
        description=description,
        currency=cell("currency_column") or None,
        category=cell("category") or None,
        method=cell("method") or None,
        note=cell("note") or None,
    ), []


def _amount(
    number: int, cell: Callable[[str], str | None], mapping: CsvMapping, problems: list[RowError]
) -> Decimal | None:
    def read(name: str) -> Decimal | None:
        text = cell(name)
        if not text:
            return None
        try:
            return parse_number(text, mapping.decimal, mapping.thousands)
        except ValueError as exc:
            problems.append(RowError(number, name, str(exc)))
            return None

    if mapping.amount is not None:
        value = read("amount")
        if value is None:
            if not problems:
                problems.append(RowError(number, "amount", "is empty"))
            return None
        return -value if mapping.sign is SignConvention.POSITIVE_IS_EXPENSE else value
    debit, credit = read("debit"), read("credit")
    if problems:
        return None
    if not debit and not credit:
        problems.append(RowError(number, "amount", "both debit and credit are empty or zero"))
        return None
    return (credit or Decimal(0)).copy_abs() - (debit or Decimal(0)).copy_abs()
