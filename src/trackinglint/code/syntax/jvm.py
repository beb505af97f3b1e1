"""Java and Kotlin (Android): calls, constructors (`Structured(...)`), builder chains."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import values as v
from ..values import UNKNOWN, Arg, Value
from .base import Node, Reader

_KOTLIN_TEMPLATE = re.compile(r"(?<!\\)\$[{A-Za-z_]")


class JvmReader(Reader):
    CALLS = frozenset({"method_invocation", "object_creation_expression", "call_expression"})
    FUNCTIONS = frozenset(
        {"method_declaration", "constructor_declaration", "function_declaration",
         "class_declaration", "object_declaration"}
    )  # fmt: skip

    def function_name(self, node: Node) -> str:
        name = node.child_by_field_name("name")
        if name is None:
            name = next((c for c in node.named_children if c.type in ("identifier",
                         "simple_identifier", "type_identifier")), None)  # fmt: skip
        return self.text(name) if name is not None else ""

    # --- calls ----------------------------------------------------------------------
    def skip(self, node: Node) -> bool:
        parent = node.parent
        return (
            parent is not None
            and parent.type == "call_expression"
            and parent.named_children[0] == node
            and any(c.type == "annotated_lambda" for c in parent.named_children)
        )

    def method_name(self, node: Node) -> str | None:
        if node.type == "method_invocation":
            name = node.child_by_field_name("name")
            return self.text(name) if name is not None else None
        if node.type == "object_creation_expression":
            kind = node.child_by_field_name("type")
            return self.text(kind).rsplit(".", 1)[-1].split("<")[0] if kind is not None else None
        head = node.named_children[0] if node.named_children else None
        if head is None:
            return None
        if head.type == "identifier":
            return self.text(head)
        if head.type == "navigation_expression" and head.named_children:
            return self.text(head.named_children[-1])
        if head.type == "call_expression":  # a trailing lambda: f(...) { ... }
            return self.method_name(head)
        return None

    def callee(self, node: Node) -> str | None:
        if node.type == "method_invocation":
            name = node.child_by_field_name("name")
            target = node.child_by_field_name("object")
            if name is None:
                return None
            if target is None:
                return self.text(name)
            head = self._path(target)
            return f"{head}.{self.text(name)}" if head is not None else None
        if node.type == "object_creation_expression":
            kind = node.child_by_field_name("type")
            return self.text(kind).split("<")[0] if kind is not None else None
        head = node.named_children[0] if node.named_children else None
        if head is not None and head.type == "call_expression":
            return self.callee(head)
        return self._path(head)

    def _path(self, node: Node | None) -> str | None:
        if node is None:
            return None
        kind = node.type
        if kind in ("identifier", "this", "type_identifier", "simple_identifier"):
            return self.text(node)
        if kind == "field_access":
            head = self._path(node.child_by_field_name("object"))
            field = node.child_by_field_name("field")
            return f"{head}.{self.text(field)}" if head is not None and field is not None else None
        if kind == "navigation_expression":
            parts = [self._path(c) for c in node.named_children]
            return None if any(p is None for p in parts) else ".".join(parts)  # type: ignore[arg-type]
        if kind in ("method_invocation", "call_expression"):
            head = self.callee(node)
            return f"{head}()" if head is not None else None
        if kind == "object_creation_expression":
            head = self.callee(node)
            return f"{head}()" if head is not None else None
        if kind == "this_expression":
            return "this"
        return None

    def arguments(self, node: Node) -> list[Arg]:
        if node.type in ("method_invocation", "object_creation_expression"):
            args = node.child_by_field_name("arguments")
            if args is None:
                return []
            return [[None, self.value(c)] for c in args.named_children if c.type != "comment"]
        out: list[Arg] = []
        head = node.named_children[0] if node.named_children else None
        if head is not None and head.type == "call_expression":  # f(...) { param(...) }
            out = self.arguments(head)
        for child in node.named_children:
            if child.type == "value_arguments":
                for argument in child.named_children:
                    if argument.type != "value_argument":
                        continue
                    parts = [c for c in argument.named_children if c.type != "comment"]
                    if len(parts) == 2 and parts[0].type == "identifier" and b"=" in \
                            self.source[parts[0].end_byte : parts[1].start_byte]:  # fmt: skip
                        out.append([self.text(parts[0]), self.value(parts[1])])
                    elif parts:
                        out.append([None, self.value(parts[-1])])
            elif child.type == "annotated_lambda":
                out.append([None, self._lambda_map(child)])
        return out

    def _lambda_map(self, node: Node) -> Value:
        """`logEvent(NAME) { param("k", v) }`: the lambda's param calls are the properties."""
        entries: list[tuple[object, Value]] = []
        open_ = False
        for lam in node.named_children:
            for statement in lam.named_children:
                if statement.type == "call_expression" and self.method_name(statement) in (
                    "param", "put"
                ):  # fmt: skip
                    args = self.arguments(statement)
                    if len(args) >= 2 and args[0][1][0] == "s":
                        entries.append((args[0][1][1], args[1][1]))
                        continue
                open_ = True
        return v.obj(entries, open_)

    # --- values ---------------------------------------------------------------------
    def value(self, node: Node | None) -> Value:
        if node is None:
            return UNKNOWN
        kind = node.type
        if kind == "string_literal":
            text = self.text(node)
            if self.language == "kotlin" and _KOTLIN_TEMPLATE.search(text):
                return ["d", "template"]
            return v.string("".join(
                self.text(c) for c in node.named_children
                if c.type in ("string_fragment", "string_content")
            ))  # fmt: skip
        if kind in ("decimal_integer_literal", "hex_integer_literal", "integer_literal",
                    "decimal_floating_point_literal", "number_literal", "long_literal",
                    "real_literal", "float_literal"):  # fmt: skip
            return v.number(self.text(node))
        if kind in ("true", "false", "boolean_literal"):
            return ["b", self.text(node) == "true"]
        if kind in ("null_literal", "null"):
            return ["z"]
        if kind in ("identifier", "field_access", "navigation_expression", "simple_identifier"):
            path = self._path(node)
            return v.ref(path) if path is not None else UNKNOWN
        if kind == "infix_expression":  # "a" to 1
            parts = node.named_children
            if len(parts) == 3 and self.text(parts[1]) == "to":
                return ["a", [self.value(parts[0]), self.value(parts[2])]]
            return UNKNOWN
        if kind in ("method_invocation", "call_expression"):
            name = self.method_name(node)
            target = node.child_by_field_name("object") if kind == "method_invocation" else (
                node.named_children[0].named_children[0]
                if node.named_children and node.named_children[0].type == "navigation_expression"
                else None
            )  # fmt: skip
            if name is not None and target is not None:
                built = v.chained(self.value(target), name, self.arguments(node))
                if built is not None:
                    return built
            callee = self.callee(node)
            return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN
        if kind == "object_creation_expression":
            callee = self.callee(node)
            return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN
        if kind == "binary_expression" or kind == "additive_expression":
            parts = node.named_children
            if len(parts) == 2 and b"+" in self.source[parts[0].end_byte : parts[1].start_byte]:
                return v.concatenation([self.value(parts[0]), self.value(parts[1])])
            return UNKNOWN
        if kind in ("parenthesized_expression",):
            inner = node.named_children
            return self.value(inner[0]) if inner else UNKNOWN
        return UNKNOWN

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        if statement.type == "local_variable_declaration":
            for declarator in statement.children_by_field_name("declarator"):
                name = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                if name is not None and value is not None:
                    yield self.text(name), self.value(value)
        elif statement.type == "property_declaration":
            found: dict[str, Value] = {}
            self._declaration(statement, found)
            yield from found.items()

    # --- constants ------------------------------------------------------------------
    def top_level(self, root: Node) -> None:
        for node in root.named_children:
            if node.type in ("package_declaration", "package_header"):
                self.facts.package = self.text(node.named_children[0]) if node.named_children \
                    else ""  # fmt: skip
            else:
                self._declaration(node, self.facts.bindings)

    def _declaration(self, node: Node, into: dict[str, Value]) -> None:
        kind = node.type
        if kind in ("class_declaration", "interface_declaration", "object_declaration",
                    "enum_declaration", "companion_object"):  # fmt: skip
            name = self.function_name(node)
            members: dict[str, Value] = {}
            for body in node.named_children:
                if body.type in ("class_body", "interface_body", "enum_body", "enum_class_body"):
                    for member in body.named_children:
                        self._declaration(member, members)
            if kind == "companion_object":
                into.update(members)
            elif name and members:
                into[name] = v.obj(list(members.items()))
                self.facts.bindings.setdefault(name, into[name])
        elif kind in ("field_declaration", "constant_declaration"):
            for declarator in node.children_by_field_name("declarator"):
                name = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                if name is not None and value is not None:
                    into[self.text(name)] = self.value(value)
        elif kind == "property_declaration":
            variable = next((c for c in node.named_children
                             if c.type == "variable_declaration"), None)  # fmt: skip
            values = [c for c in node.named_children
                      if c.type not in ("modifiers", "variable_declaration")]  # fmt: skip
            if variable is not None and values and variable.named_children:
                into[str(self.text(variable.named_children[0]))] = self.value(values[-1])
        elif kind in ("enum_constant", "enum_entry"):
            label = node.child_by_field_name("name") or next(
                (c for c in node.named_children if c.type in ("identifier", "simple_identifier")),
                None,
            )
            args = node.child_by_field_name("arguments") or next(
                (c for c in node.named_children if c.type == "value_arguments"), None
            )
            if label is not None and args is not None:
                texts = [a for a in args.named_children if a.type != "comment"]
                if texts:
                    value = self.value(texts[0])
                    if value[0] == "u" and texts[0].named_children:
                        value = self.value(texts[0].named_children[-1])
                    into[self.text(label)] = value
