"""OFX files as a tree of elements with line numbers, read the way banks write them (pure).

Why not ofxtools' parser: it validates every element against the specification while it
parses, so a bank id of ten characters, an empty BALAMT, a missing header, `CHARSET:8859-1`
or an investment statement end the import, although the money in the file is readable.
This reader only builds the tree: OFX 1.x SGML (leaf elements without end tags) and 2.x
XML alike, decoding by the header's charset (any common spelling) and falling back to
UTF-8 and then Windows-1252. Values go through `html.unescape` (named and numeric
character references only): a DTD or entity declaration is never read, so nothing
external is fetched and nothing expands recursively. `ofx_format` then reads the
statements out of the tree and checks the values it uses.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from fopymes_server.core.errors import ValidationError

_ROOT = re.compile(r"<OFX(?:\s[^>]*)?>", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_.]*)[^>]*?(/?)>([^<]*)")
_SKIP = re.compile(r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)
_HEADER_FIELD = re.compile(r"(CHARSET|ENCODING)\s*[:=]\s*\"?([A-Za-z0-9_.-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(r"encoding\s*=\s*[\"']([A-Za-z0-9_.-]+)", re.IGNORECASE)
_CHARSETS = {
    "1252": "cp1252",
    "8859-1": "latin-1",
    "88591": "latin-1",
    "8859-15": "iso8859-15",
    "UNICODE": "utf-8",
    "UTF8": "utf-8",
    "USASCII": "utf-8",  # ASCII is UTF-8; banks that say so often send UTF-8 anyway
}


@dataclass
class Node:
    """An element: an aggregate with children, or a leaf with a value."""

    name: str
    line: int
    value: str | None = None
    children: list[Node] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    """XML attributes (CAMT's `Ccy`); OFX has none."""

    def find(self, path: str) -> Node | None:
        """The first element down `path` (`A/B/C`), or None."""
        node: Node | None = self
        for name in path.upper().split("/"):
            node = next((c for c in node.children if c.name == name), None) if node else None
        return node

    def findall(self, name: str) -> list[Node]:
        return [child for child in self.children if child.name == name.upper()]

    def text(self, path: str) -> str:
        """The stripped value down `path`; "" when it is missing or empty."""
        node = self.find(path)
        return (node.value or "").strip() if node is not None else ""

    def walk(self) -> Iterator[Node]:
        """Every element below this one, depth first, in file order."""
        for child in self.children:
            yield child
            yield from child.walk()


def _codec(name: str) -> str | None:
    key = name.strip().upper().replace("_", "-")
    for prefix in ("ISO-", "ISO", "WINDOWS-", "CP"):
        if key.startswith(prefix) and key[len(prefix) :] in _CHARSETS:
            key = key[len(prefix) :]
    spelled = _CHARSETS.get(key) or _CHARSETS.get(key.replace("-", ""), key)
    try:
        return codecs.lookup(spelled).name
    except LookupError:
        return None


def decode(data: bytes) -> str:
    """The file's text by its declared charset, else UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    head = data[:2000].decode("latin-1")
    root = _ROOT.search(head)
    header = head[: root.start()] if root else head
    declared = [m.group(2) for m in _HEADER_FIELD.finditer(header)]
    declared += _XML_ENCODING.findall(header)
    # CHARSET is the real one in 1.x (ENCODING says USASCII or UTF-8 beside it).
    declared.sort(key=lambda value: value.upper() in ("USASCII", "NONE", "UNICODE"))
    for name in [*declared, "utf-8"]:
        codec = _codec(name)
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def parse_tree(data: bytes) -> Node:
    """The <OFX> element of the file.

    Raises ValidationError (naming the line where there is one) for a file without an
    <OFX> element, or one that ends while an aggregate is still open (a truncated file,
    whose missing lines must not be imported silently).
    """
    text = decode(data)
    root_match = _ROOT.search(text)
    if root_match is None:
        raise ValidationError("file", "is not an OFX statement (it has no <OFX> element)")
    body = _SKIP.sub(lambda m: "\n" * m.group(0).count("\n"), text[root_match.start() :])
    line = text.count("\n", 0, root_match.start()) + 1
    root = Node("ROOT", line)
    stack = [root]
    position = 0
    for match in _TAG.finditer(body):
        line += body.count("\n", position, match.start())
        position = match.start()
        closing, name, empty, value = match.groups()
        name = name.upper()
        if closing:
            _close(stack, name)
            continue
        content = html.unescape(value).strip()
        if content or empty:
            stack[-1].children.append(Node(name, line, value=content))
        else:
            node = Node(name, line)
            stack[-1].children.append(node)
            stack.append(node)
    unclosed = [node for node in stack[1:] if node.children and node.name != "OFX"]
    if unclosed:
        raise ValidationError(
            "file",
            f"line {unclosed[-1].line}: <{unclosed[-1].name}> is never closed "
            "(the file looks truncated)",
        )
    return root.children[0]  # the body starts at the <OFX> tag _ROOT found


def _close(stack: list[Node], name: str) -> None:
    """End the open element `name`; elements opened since without content were empty
    leaves (`<BALAMT>` with no amount), so their children move up to their parent."""
    depth = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].name == name), None)
    if depth is None:
        return  # the end tag of a leaf (XML, or SGML that closes leaves): nothing is open
    while len(stack) > depth + 1:
        empty = stack.pop()
        parent = stack[-1]
        parent.children.extend(empty.children)
        empty.children = []
        empty.value = ""
    stack.pop()
