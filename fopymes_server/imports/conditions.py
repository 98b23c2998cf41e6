"""Categorisation rule conditions: a tiny safe language, parsed without eval (pure).

    description ~ "MERCADONA|CARREFOUR"          regular expression, any case
    description contains "amazon" and amount > 50
    not (method = "Cash") or kind = "income"

Fields: description, note, category, method (text; `account` is another name for it), kind
(`income`/`expense`) and amount (the positive amount; a range is two tests,
`amount >= 10 and amount <= 50`). Operators: `~` (regex search), `=`, `!=`, `contains`
(any case) for text; `=`, `!=`, `<`, `<=`, `>`, `>=` for amount; combined with `and`, `or`,
`not` and parentheses (`and` binds tighter than `or`).

Why so small: a rule is typed once and then runs on every imported line. Patterns are
compiled once with RE2 (google-re2), whose automaton matches in time linear in the text
for every pattern: `(a|a)*b` on a long line of `a`s cannot backtrack, so no rule can hang
an import or the server previewing it. RE2 cannot express backreferences or lookarounds
(which need backtracking); such a pattern is refused when the rule is created.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import re2

from fopymes_server.core.errors import ValidationError

MAX_CONDITION = 500
MAX_PATTERN = 200
TEXT_FIELDS = ("description", "note", "category", "method", "account", "kind", "payee")
ALIASES = {"account": "method"}
"""Field names that read another field of Facts (a payment method is an account)."""
_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>-?\d+(?:\.\d+)?)'
    r"|(?P<op>!=|<=|>=|~|=|<|>|\(|\))|(?P<word>[A-Za-z_]+))"
)
# What RE2 refuses for needing backtracking, to name it plainly.
_UNSUPPORTED = re.compile(r"\(\?<?[=!]|\\[1-9]|\(\?P=|\\k<")


@dataclass(frozen=True, slots=True)
class Facts:
    """What a condition can look at in one statement line."""

    description: str
    amount: Decimal
    kind: str
    note: str = ""
    category: str = ""
    method: str = ""
    payee: str = ""


Condition = Callable[[Facts], bool]
Pattern = Callable[[str], bool]


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print its own copy of the error on stderr
    return options


def compile_pattern(pattern: str) -> Pattern:
    """A case-insensitive linear-time search for `pattern`, or ValidationError naming why not."""
    if len(pattern) > MAX_PATTERN:
        raise ValidationError("condition", f"a pattern may be at most {MAX_PATTERN} characters")
    try:
        compiled = re2.compile(pattern, _options())
    except re2.error as exc:
        if _UNSUPPORTED.search(pattern):
            raise ValidationError(
                "condition",
                f"'{pattern}' uses a lookaround or backreference, which patterns do not support",
            ) from None
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise ValidationError(
            "condition", f"'{pattern}' is not a valid pattern ({reason})"
        ) from None
    return lambda text: compiled.search(text) is not None


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValidationError("condition", f"cannot read '{text[position:].strip()[:20]}'")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        tokens.append((kind, value.lower() if kind == "word" else value))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ValidationError("condition", "ends too early")
        if expected is not None and token[1] != expected:
            raise ValidationError("condition", f"expected '{expected}', found '{token[1]}'")
        self.index += 1
        return token

    def parse(self) -> Condition:
        condition = self.either()
        if self.peek() is not None:
            raise ValidationError("condition", f"unexpected '{self.peek()[1]}'")  # type: ignore[index]
        return condition

    def either(self) -> Condition:
        parts = [self.both()]
        while self.peek() == ("word", "or"):
            self.take()
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else lambda f: any(p(f) for p in parts)

    def both(self) -> Condition:
        parts = [self.negation()]
        while self.peek() == ("word", "and"):
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else lambda f: all(p(f) for p in parts)

    def negation(self) -> Condition:
        if self.peek() == ("word", "not"):
            self.take()
            inner = self.negation()
            return lambda f: not inner(f)
        if self.peek() == ("op", "("):
            self.take()
            inner = self.either()
            self.take(")")
            return inner
        return self.comparison()

    def comparison(self) -> Condition:
        kind, field = self.take()
        if kind != "word" or field not in (*TEXT_FIELDS, "amount"):
            fields = ", ".join((*TEXT_FIELDS, "amount"))
            raise ValidationError("condition", f"'{field}' is not a field ({fields})")
        op_kind, op = self.take()
        if op_kind not in ("op", "word") or op in ("(", ")", "and", "or", "not"):
            raise ValidationError("condition", f"'{op}' is not an operator after {field}")
        value_kind, value = self.take()
        if field == "amount":
            return _amount_test(op, value_kind, value)
        if value_kind != "string":
            raise ValidationError("condition", f'compare {field} with quoted text, e.g. "shop"')
        return _text_test(field, op, value)


def _amount_test(op: str, kind: str, value: str) -> Condition:
    tests: dict[str, Callable[[Decimal, Decimal], bool]] = {
        "=": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    if op not in tests:
        raise ValidationError("condition", f"amount takes {', '.join(tests)}, not '{op}'")
    try:
        bound = Decimal(value)
    except InvalidOperation:
        raise ValidationError("condition", f"'{value}' is not a number") from None
    if kind not in ("number", "string"):
        raise ValidationError("condition", "compare amount with a number, e.g. amount > 50")
    test = tests[op]
    return lambda f: test(f.amount, bound)


def _text_test(field: str, op: str, value: str) -> Condition:
    attribute = ALIASES.get(field, field)

    def read(facts: Facts) -> str:
        return str(getattr(facts, attribute))

    if op == "~":
        found = compile_pattern(value)
        return lambda f: found(read(f))
    needle = value.casefold()
    if op == "=":
        return lambda f: read(f).casefold() == needle
    if op == "!=":
        return lambda f: read(f).casefold() != needle
    if op == "contains":
        return lambda f: needle in read(f).casefold()
    raise ValidationError("condition", f"{field} takes ~, =, != or contains, not '{op}'")


def parse_condition(text: str) -> Condition:
    """The condition as a function of Facts; ValidationError naming what is wrong."""
    if not text.strip():
        raise ValidationError("condition", "must not be empty")
    if len(text) > MAX_CONDITION:
        raise ValidationError("condition", f"must be at most {MAX_CONDITION} characters")
    return _Parser(text).parse()
