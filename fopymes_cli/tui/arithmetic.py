"""Amounts typed as simple sums: `12.50+3`, `3*4.20`, `(100-15)/2`, in exact Decimal.

People add up receipts in the amount field, so the form accepts + - * / and parentheses.
This is a small recursive-descent parser over Decimal, never `eval`: nothing a person
types can run code, and no step goes through a binary float. Whether the result is a
valid amount (positive, not too many decimals for the currency) is still decided by the
service; this module only turns the expression into one number.

Grammar::

    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := ("+" | "-") factor | NUMBER | "(" expression ")"
"""

from __future__ import annotations

import re
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from fopymes_server.core.errors import ValidationError

MAX_LENGTH = 200
_TOKEN = re.compile(r"\s*(?:(\d[\d_]*(?:\.\d*)?|\.\d+)|(.))")


def _tokens(text: str, field: str) -> list[str]:
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        number, symbol = match.groups()
        if number is not None:
            tokens.append(number.replace("_", ""))
        elif symbol is not None and not symbol.isspace():
            if symbol not in "+-*/()":
                raise ValidationError(field, f"'{symbol}' is not a number or + - * / ( )")
            tokens.append(symbol)
    return tokens


class _Parser:
    def __init__(self, tokens: list[str], field: str) -> None:
        self._tokens = tokens
        self._position = 0
        self._field = field

    def _peek(self) -> str | None:
        return self._tokens[self._position] if self._position < len(self._tokens) else None

    def _take(self) -> str:
        token = self._peek()
        if token is None:
            raise ValidationError(self._field, "the expression ends too early")
        self._position += 1
        return token

    def parse(self) -> Decimal:
        value = self._expression()
        if self._peek() is not None:
            raise ValidationError(self._field, f"unexpected '{self._peek()}'")
        return value

    def _expression(self) -> Decimal:
        value = self._term()
        while self._peek() in ("+", "-"):
            value = value + self._term() if self._take() == "+" else value - self._term()
        return value

    def _term(self) -> Decimal:
        value = self._factor()
        while self._peek() in ("*", "/"):
            operator = self._take()
            right = self._factor()
            if operator == "*":
                value *= right
            elif right == 0:
                raise ValidationError(self._field, "division by zero")
            else:
                value /= right
        return value

    def _factor(self) -> Decimal:
        token = self._take()
        if token == "-":
            return -self._factor()
        if token == "+":
            return self._factor()
        if token == "(":
            value = self._expression()
            if self._take() != ")":
                raise ValidationError(self._field, "a '(' is never closed")
            return value
        if token in "*/)":
            raise ValidationError(self._field, f"unexpected '{token}'")
        return Decimal(token)


def evaluate(text: str, *, field: str = "amount") -> Decimal:
    """The exact value of `text`, a number or a sum like `12.50+3`.

    Division keeps 28 significant digits, so `10/4` is exactly 2.5 while `10/3` carries more
    decimals than any currency allows and is then refused by the service, never rounded.
    Raises ValidationError naming `field` for anything that is not such an expression.
    """
    if not text.strip():
        raise ValidationError(field, "is required")
    if len(text) > MAX_LENGTH:
        raise ValidationError(field, f"is longer than {MAX_LENGTH} characters")
    tokens = _tokens(text, field)
    with localcontext() as context:
        context.traps[DivisionByZero] = True
        context.traps[InvalidOperation] = True
        try:
            return _Parser(tokens, field).parse()
        except (InvalidOperation, DivisionByZero):
            raise ValidationError(field, f"'{text}' is not a number") from None


def is_plain_number(text: str) -> bool:
    """True when `text` is one number with no operator, so there is no sum to show."""
    return re.fullmatch(r"\s*[\d_]*\.?\d*\s*", text) is not None
