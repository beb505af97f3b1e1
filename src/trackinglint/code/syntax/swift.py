"""Swift (iOS)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import values as v
from ..values import UNKNOWN, Arg, Value
from .base import Node, Reader


class SwiftReader(Reader):
    CALLS = frozenset({"call_expression"})
    FUNCTIONS = frozenset({"function_declaration", "class_declaration", "init_declaration"})

    def method_name(self, node: Node) -> str | None:
        head = node.named_children[0] if node.named_children else None
        if head is None:
            return None
        if head.type == "simple_identifier":
            return self.text(head)
        if head.type == "navigation_expression":
            suffix = head.child_by_field_name("suffix")
            name = suffix.child_by_field_name("suffix") if suffix is not None else None
            return self.text(name) if name is not None else None
        return None

    def callee(self, node: Node) -> str | None:
        return self._path(node.named_children[0] if node.named_children else None)

    def _path(self, node: Node | None) -> str | None:
        if node is None:
            return None
        kind = node.type
        if kind in ("simple_identifier", "self_expression", "type_identifier"):
            return self.text(node)
        if kind == "navigation_expression":
            target = node.child_by_field_name("target")
            suffix = node.child_by_field_name("suffix")
            name = suffix.child_by_field_name("suffix") if suffix is not None else None
            head = self._path(target) if target is not None else ""
            if head is None or name is None:
                return None
            return f"{head}.{self.text(name)}" if head else self.text(name)
        if kind == "call_expression":
            head = self.callee(node)
            return f"{head}()" if head is not None else None
        if kind in (
            "optional_chaining_expression",
            "postfix_expression",
            "force_unwrap_expression",
        ):
            inner = node.named_children
            return self._path(inner[0]) if inner else None
        if kind == "user_type":
            return self.text(node)
        return None

    def arguments(self, node: Node) -> list[Arg]:
        out: list[Arg] = []
        for suffix in node.named_children:
            if suffix.type != "call_suffix":
                continue
            for child in suffix.named_children:
                if child.type == "value_arguments":
                    for argument in child.named_children:
                        if argument.type != "value_argument":
                            continue
                        label = argument.child_by_field_name("name")
                        value = self.value(argument.child_by_field_name("value"))
                        out.append([self.text(label).rstrip(":") if label is not None else None,
                                    value])  # fmt: skip
        return out

    def value(self, node: Node | None) -> Value:
        if node is None:
            return UNKNOWN
        kind = node.type
        if kind in ("line_string_literal", "multi_line_string_literal"):
            if node.child_by_field_name("interpolation") is not None:
                return ["d", "template"]
            return v.string("".join(self.text(c) for c in node.children_by_field_name("text")))
        if kind in ("integer_literal", "real_literal", "hex_literal"):
            return v.number(self.text(node))
        if kind == "boolean_literal":
            return ["b", self.text(node) == "true"]
        if kind == "nil":
            return ["z"]
        if kind == "dictionary_literal":
            keys = node.children_by_field_name("key")
            values = node.children_by_field_name("value")
            return v.obj([(v.key_text(self.value(k)), self.value(x))
                          for k, x in zip(keys, values, strict=False)])  # fmt: skip
        if kind == "array_literal":
            return ["a", [self.value(c) for c in node.children_by_field_name("element")]]
        if kind in ("simple_identifier", "navigation_expression"):
            path = self._path(node)
            if path is not None and path.endswith(".rawValue"):
                path = path.removesuffix(".rawValue")
            return v.ref(path) if path is not None else UNKNOWN
        if kind == "call_expression":
            head = node.named_children[0] if node.named_children else None
            if head is not None and head.type == "navigation_expression":
                suffix = head.child_by_field_name("suffix")
                name = suffix.child_by_field_name("suffix") if suffix is not None else None
                if name is not None:
                    built = v.chained(self.value(head.child_by_field_name("target")),
                                      self.text(name), self.arguments(node))  # fmt: skip
                    if built is not None:
                        return built
            callee = self.callee(node)
            return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN
        if kind == "additive_expression":
            return v.concatenation(
                [
                    self.value(node.child_by_field_name("lhs")),
                    self.value(node.child_by_field_name("rhs")),
                ]
            )
        if kind == "tuple_expression":
            inner = node.named_children
            return self.value(inner[0]) if len(inner) == 1 else UNKNOWN
        return UNKNOWN

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        if statement.type == "property_declaration":
            pattern = statement.child_by_field_name("name")
            value = statement.child_by_field_name("value")
            if pattern is not None and value is not None:
                yield self.text(pattern), self.value(value)

    def top_level(self, root: Node) -> None:
        self._members(root, self.facts.bindings)

    def _members(self, node: Node, into: dict[str, Value]) -> None:
        for child in node.named_children:
            if child.type == "property_declaration":
                pattern = child.child_by_field_name("name")
                value = child.child_by_field_name("value")
                if pattern is not None and value is not None:
                    into[self.text(pattern)] = self.value(value)
            elif child.type in ("class_declaration", "protocol_declaration"):
                name = child.child_by_field_name("name")
                body = child.child_by_field_name("body")
                if name is None or body is None:
                    continue
                members: dict[str, Value] = {}
                for member in body.named_children:
                    if member.type == "enum_entry":
                        key = member.child_by_field_name("name")
                        raw = member.child_by_field_name("raw_value")
                        if key is not None:
                            members[self.text(key)] = (
                                self.value(raw) if raw is not None else v.string(self.text(key))
                            )
                self._members(body, members)
                if members:
                    into[self.text(name)] = v.obj(list(members.items()))
                    self.facts.bindings.setdefault(self.text(name), into[self.text(name)])
