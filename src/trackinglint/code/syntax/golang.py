"""Go: calls, and struct literals that are events (`analytics.Track{Event: ...}`)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import values as v
from ..values import UNKNOWN, Arg, Value
from .base import Node, Reader


class GoReader(Reader):
    CALLS = frozenset({"call_expression", "composite_literal"})
    FUNCTIONS = frozenset({"function_declaration", "method_declaration"})
    MEMBER, MEMBER_NAME = "selector_expression", "field"

    def method_name(self, node: Node) -> str | None:
        if node.type == "composite_literal":
            kind = node.child_by_field_name("type")
            if kind is None:
                return None
            name = kind.child_by_field_name("name") if kind.type == "qualified_type" else kind
            return self.text(name) if name is not None else None
        return super().method_name(node)

    def callee(self, node: Node) -> str | None:
        if node.type == "composite_literal":
            kind = node.child_by_field_name("type")
            return self.text(kind) if kind is not None else None
        return self._path(node.child_by_field_name("function"))

    def _path(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if node.type in ("identifier", "package_identifier", "field_identifier"):
            return self.text(node)
        if node.type == "selector_expression":
            head = self._path(node.child_by_field_name("operand"))
            field = node.child_by_field_name("field")
            return f"{head}.{self.text(field)}" if head is not None and field is not None else None
        if node.type == "call_expression":
            head = self._path(node.child_by_field_name("function"))
            return f"{head}()" if head is not None else None
        return None

    def arguments(self, node: Node) -> list[Arg]:
        if node.type == "composite_literal":
            body = node.child_by_field_name("body")
            literal = self._literal(body)
            if literal[0] == "o":
                return [[key, value] for key, value in literal[1] if isinstance(key, str)]
            return []
        args = node.child_by_field_name("arguments")
        if args is None:
            return []
        return [[None, self.value(c)] for c in args.named_children if c.type != "comment"]

    def _literal(self, body: Node | None) -> Value:
        if body is None:
            return UNKNOWN
        entries: list[tuple[object, Value]] = []
        items: list[Value] = []
        for element in body.named_children:
            if element.type == "keyed_element":
                key = element.child_by_field_name("key")
                value = element.child_by_field_name("value")
                key_node = key.named_children[0] if key is not None and key.named_children else key
                if key_node is not None and key_node.type in ("identifier", "field_identifier"):
                    key_value: object = self.text(key_node)
                else:
                    key_value = v.key_text(self.value(key_node))
                entries.append((key_value, self.value(value)))
            elif element.type == "literal_element":
                items.append(self.value(element))
        if entries or not items:
            return v.obj(entries)
        return ["a", items]

    def value(self, node: Node | None) -> Value:
        if node is None:
            return UNKNOWN
        kind = node.type
        if kind == "literal_element":
            inner = node.named_children
            return self.value(inner[0]) if inner else UNKNOWN
        if kind == "interpreted_string_literal":
            return v.string("".join(
                self.text(c) if c.type != "escape_sequence" else _unescape(self.text(c))
                for c in node.named_children
            ))  # fmt: skip
        if kind == "raw_string_literal":
            return v.string(self.text(node)[1:-1])
        if kind in ("int_literal", "float_literal"):
            return v.number(self.text(node))
        if kind in ("true", "false"):
            return ["b", kind == "true"]
        if kind == "nil":
            return ["z"]
        if kind == "literal_value":
            return self._literal(node)
        if kind == "composite_literal":
            return self._literal(node.child_by_field_name("body"))
        if kind in ("identifier", "selector_expression"):
            path = self._path(node)
            return v.ref(path) if path is not None else UNKNOWN
        if kind == "call_expression":
            function = node.child_by_field_name("function")
            if function is not None and function.type == "selector_expression":
                receiver = self.value(function.child_by_field_name("operand"))
                field = function.child_by_field_name("field")
                if field is not None:
                    built = v.chained(receiver, self.text(field), self.arguments(node))
                    if built is not None:
                        return built
            callee = self._path(function)
            if callee is not None and callee.endswith("Sprintf"):
                return ["d", "template"]
            return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and self.text(operator) == "+":
                return v.concatenation(
                    [
                        self.value(node.child_by_field_name("left")),
                        self.value(node.child_by_field_name("right")),
                    ]
                )
        if kind == "parenthesized_expression":
            inner = node.named_children
            return self.value(inner[0]) if inner else UNKNOWN
        return UNKNOWN

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        if statement.type == "short_var_declaration":
            left = statement.child_by_field_name("left")
            right = statement.child_by_field_name("right")
            if left is not None and right is not None:
                for name, expr in zip(left.named_children, right.named_children, strict=False):
                    yield self.text(name), self.value(expr)
        elif statement.type in ("var_declaration", "const_declaration"):
            for spec in _specs(statement):
                value = spec.child_by_field_name("value")
                values = value.named_children if value is not None else []
                names = spec.children_by_field_name("name")
                for name, expr in zip(names, values, strict=False):
                    yield self.text(name), self.value(expr)

    def top_level(self, root: Node) -> None:
        for node in root.named_children:
            if node.type == "package_clause":
                for child in node.named_children:
                    self.facts.package = self.text(child)
            elif node.type in ("const_declaration", "var_declaration"):
                for spec in _specs(node):
                    names = [c for c in spec.children_by_field_name("name")]
                    value = spec.child_by_field_name("value")
                    values = value.named_children if value is not None else []
                    for name, expr in zip(names, values, strict=False):
                        self.facts.bindings[self.text(name)] = self.value(expr)
            elif node.type == "import_declaration":
                pass  # packages are matched by name across the scanned files


def _specs(node: Node) -> list[Node]:
    found = []
    for child in node.named_children:
        if child.type in ("const_spec", "var_spec"):
            found.append(child)
        elif child.type in ("const_spec_list", "var_spec_list"):
            found.extend(c for c in child.named_children if c.type in ("const_spec", "var_spec"))
    return found


def _unescape(text: str) -> str:
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return text
