"""Reading a bank's CSV with a mapping: numbers, dates, directions, filters, fees (pure).

Banks write CSV every way there is: `;` because `,` is their decimal mark, `1.234,56`,
debit and credit in two columns, an unsigned amount beside a D/C column, pending rows,
summary rows inside the data, a fee column. `csv_layout` finds where the data is;
`parse_csv` turns the rows into StatementLines and collects every bad row as a RowError
with its line number instead of stopping at the first, so a person fixes the file once.
Rows the profile says to leave out are listed as skipped, never dropped silently. No
database, no clock.
"""

from __future__ import annotations

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.csv_layout import (
    Layout,
    column_key,
    decode,
    find_header,
    records,
    sniff_delimiter,
)
from fopymes_server.imports.csv_rows import CsvRead, ExportColumns, RowReader
from fopymes_server.imports.schemas import CsvMapping, RowError

_COLUMNS = (
    "date",
    "amount",
    "debit",
    "credit",
    "description",
    "description_fallback",
    "category",
    "method",
    "currency_column",
    "note",
    "direction",
    "fee",
    "payee",
)


def _column(header: list[str] | None, ref: str, field: str) -> int:
    text = ref.strip()
    if text.isdigit():
        return int(text) - 1
    if header is None:
        raise ValidationError(field, f"'{ref}' must be a column number when there is no header")
    keys = [column_key(name) for name in header]
    if column_key(text) not in keys:
        shown = ", ".join(name.strip() for name in header)
        raise ValidationError(field, f"no column '{ref}' in the header ({shown})")
    return keys.index(column_key(text))


def _named_columns(mapping: CsvMapping) -> list[str]:
    """Every column the mapping names by header name (not by number), in a stable order."""
    refs = [getattr(mapping, name) for name in _COLUMNS]
    refs += [*mapping.filters("include"), *mapping.filters("exclude")]
    names: list[str] = []
    for ref in refs:
        if ref is not None and not ref.strip().isdigit() and ref not in names:
            names.append(ref)
    return names


def read_layout(data: bytes, mapping: CsvMapping) -> tuple[Layout, list[tuple[int, list[str]]]]:
    """The file's layout and its data records (after the header), with line numbers."""
    text, encoding = decode(data, mapping.encoding)
    lines = text.splitlines(keepends=True)
    names = _named_columns(mapping)
    header_line = mapping.header_row
    delimiter = mapping.delimiter
    if header_line is None:
        if names:
            index, delimiter = find_header(lines, names, mapping.delimiter)
            header_line = index + 1
        else:
            header_line = 0
    if header_line > len(lines):
        raise ValidationError("header row", f"the file has fewer than {header_line} lines")
    start = max(header_line, 1)
    tail = "".join(lines[start - 1 :])
    delimiter = sniff_delimiter(tail, delimiter)
    rows = records(tail, delimiter, first_line=start)
    header = None
    if header_line:
        if not rows or rows[0][0] != header_line:
            raise ValidationError("header row", f"line {header_line} is empty")
        header = rows.pop(0)[1]
    return Layout(encoding, delimiter, header_line, header), rows


def parse_csv(
    data: bytes, mapping: CsvMapping, *, transfers: ExportColumns | None = None
) -> CsvRead:
    """Every data row of the file as StatementLines, a RowError, or a skipped row.

    Args:
        transfers: header columns of a transfer between the workspace's own accounts
            (`counter_account`, `counter_amount`, `counter_currency` of fopymes' export).
            A row naming a counter-account is read as a transfer line, which planning
            checks and the import writes as a transfer, never as an expense or income.
            A file without these columns (an export older than them) has no transfers.
            The export's `payee` and `tags` columns are read the same way, when present
            and not mapped otherwise.

    Raises ValidationError (not a RowError) when the file as a whole does not fit the
    mapping: an unknown column name, no header holding the mapped columns.
    """
    layout, rows = read_layout(data, mapping)
    header = layout.header
    columns = {
        name: _column(header, ref, name)
        for name in _COLUMNS
        if (ref := getattr(mapping, name)) is not None
    }
    keys = [column_key(name) for name in header or []]
    if transfers is not None:
        for name, ref in (
            ("counter_account", transfers.account),
            ("counter_amount", transfers.amount),
            ("counter_currency", transfers.currency),
            ("payee", transfers.payee),
            ("tags", transfers.tags),
        ):
            if column_key(ref) in keys and name not in columns:
                columns[name] = keys.index(column_key(ref))
    filters = [
        (kind, _column(header, column, kind), column, values)
        for kind in ("include", "exclude")
        for column, values in mapping.filters(kind).items()
    ]
    reader = RowReader(mapping, columns)
    result = CsvRead(layout)
    width = len(header) if header is not None else None
    for number, fields in rows:
        left_out = _filtered(fields, filters)
        if left_out is not None:
            result.skipped.append(RowError(number, "filter", left_out))
            continue
        if mapping.skip_summary_rows:
            why = reader.not_data(fields)
            if why is not None:
                result.skipped.append(RowError(number, "row", why))
                continue
        if width is not None and any(value.strip() for value in fields[width:]):
            # Usually an unquoted decimal comma: "-45,20" split into two fields.
            message = f"has {len(fields)} fields where the header has {width}"
            result.errors.append(RowError(number, "row", message))
            continue
        reader.read(number, fields, result)
    return result


def _filtered(fields: list[str], filters: list[tuple[str, int, str, set[str]]]) -> str | None:
    """Why the row is left out by an include/exclude filter, or None to keep it."""
    for kind, index, column, values in filters:
        value = fields[index].strip() if index < len(fields) else ""
        matches = value.casefold() in values
        if kind == "include" and not matches:
            return f"{column} is '{value}', not one of the included values"
        if kind == "exclude" and matches:
            return f"{column} is '{value}', which is excluded"
    return None
