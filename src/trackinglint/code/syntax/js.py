"""JavaScript, TypeScript, JSX and TSX."""

from __future__ import annotations

from collections.abc import Iterator

from .. import values as v
from ..values import UNKNOWN, Arg, Value
from .base import Node, Reader

_TRANSPARENT = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression",
     "non_null_expression", "type_assertion", "await_expression"}
)  # fmt: skip


class JsReader(Reader):
    CALLS = frozenset({"call_expression"})
    FUNCTIONS = frozenset(
        {"function_declaration", "function_expression", "method_definition",
         "generator_function_declaration", "class_declaration", "arrow_function"}
    )  # fmt: skip
    MEMBER, MEMBER_NAME = "member_expression", "property"

    def function_name(self, node: Node) -> str:
        if node.type in ("arrow_function", "function_expression"):
            parent = node.parent
            if parent is not None and parent.type in ("variable_declarator", "pair"):
                name = parent.child_by_field_name("name") or parent.child_by_field_name("key")
                return self.text(name) if name is not None else ""
            if parent is not None and parent.type == "assignment_expression":
                left = parent.child_by_field_name("left")
                return self.text(left).rsplit(".", 1)[-1] if left is not None else ""
            return ""
        return super().function_name(node)

    # --- calls ----------------------------------------------------------------------
    def callee(self, node: Node) -> str | None:
        return self._path(node.child_by_field_name("function"))

    def _path(self, node: Node | None) -> str | None:
        if node is None:
            return None
        kind = node.type
        if kind in ("identifier", "this", "property_identifier", "super"):
            return self.text(node)
        if kind == "member_expression":
            head = self._path(node.child_by_field_name("object"))
            prop = node.child_by_field_name("property")
            if head is None or prop is None:
                return None
            return f"{head}.{self.text(prop)}"
        if kind == "call_expression":
            head = self._path(node.child_by_field_name("function"))
            return f"{head}()" if head is not None else None
        if kind == "subscript_expression":
            head = self._path(node.child_by_field_name("object"))
            index = self.value(node.child_by_field_name("index"))
            if head is not None and index[0] == "s":
                return f"{head}.{index[1]}"
            return None
        if kind in _TRANSPARENT:
            inner = node.named_children
            return self._path(inner[0]) if inner else None
        return None

    def arguments(self, node: Node) -> list[Arg]:
        args = node.child_by_field_name("arguments")
        if args is None:
            return []
        if args.type == "template_string":  # tagged template
            return [[None, self.value(args)]]
        return [[None, self.value(child)] for child in args.named_children
                if child.type != "comment"]  # fmt: skip

    # --- values ---------------------------------------------------------------------
    def value(self, node: Node | None) -> Value:
        if node is None:
            return UNKNOWN
        kind = node.type
        if kind == "string":
            return v.string(self._string(node))
        if kind == "template_string":
            if any(c.type == "template_substitution" for c in node.named_children):
                return ["d", "template"]
            return v.string(self._string(node))
        if kind == "number":
            return v.number(self.text(node))
        if kind in ("true", "false"):
            return ["b", kind == "true"]
        if kind in ("null", "undefined"):
            return ["z"]
        if kind == "object":
            return self._object(node)
        if kind == "array":
            return ["a", [self.value(c) for c in node.named_children if c.type != "comment"]]
        if kind in ("identifier", "member_expression", "subscript_expression"):
            path = self._path(node)
            return v.ref(path) if path is not None else UNKNOWN
        if kind == "call_expression":
            return self._call_value(node)
        if kind == "new_expression":
            constructor = self._path(node.child_by_field_name("constructor"))
            if constructor is None:
                return UNKNOWN
            return v.call(constructor, self.arguments(node))
        if kind == "binary_expression" and self._operator(node) == "+":
            left = self.value(node.child_by_field_name("left"))
            right = self.value(node.child_by_field_name("right"))
            return v.concatenation([left, right])
        if kind in _TRANSPARENT:
            inner = [c for c in node.named_children if not c.type.endswith("type")]
            return self.value(inner[0]) if inner else UNKNOWN
        if kind in ("unary_expression",) and self.text(node).startswith("-"):
            return v.number(self.text(node).replace(" ", ""))
        return UNKNOWN

    def _call_value(self, node: Node) -> Value:
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            receiver = self.value(function.child_by_field_name("object"))
            prop = function.child_by_field_name("property")
            if prop is not None:
                built = v.chained(receiver, self.text(prop), self.arguments(node))
                if built is not None:
                    return built
        callee = self._path(function)
        return v.call(callee, self.arguments(node)) if callee is not None else UNKNOWN

    def _operator(self, node: Node) -> str:
        op = node.child_by_field_name("operator")
        return self.text(op) if op is not None else ""

    def _string(self, node: Node) -> str:
        parts = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(self.text(child))
            elif child.type == "escape_sequence":
                parts.append(_unescape(self.text(child)))
        return "".join(parts)

    def _object(self, node: Node) -> Value:
        entries: list[tuple[object, Value]] = []
        open_ = False
        for child in node.named_children:
            if child.type == "pair":
                key = child.child_by_field_name("key")
                entries.append((self._key(key), self.value(child.child_by_field_name("value"))))
            elif child.type == "shorthand_property_identifier":
                name = self.text(child)
                entries.append((name, v.ref(name)))
            elif child.type == "method_definition":
                name = child.child_by_field_name("name")
                entries.append((self.text(name) if name is not None else "", UNKNOWN))
            elif child.type == "spread_element":
                inner = child.named_children
                entries.append(("...", self.value(inner[0]) if inner else UNKNOWN))
            elif child.type != "comment":
                open_ = True
        return v.obj(entries, open_)

    def _key(self, key: Node | None) -> object:
        if key is None:
            return UNKNOWN
        if key.type in ("property_identifier", "identifier"):
            return self.text(key)
        if key.type == "computed_property_name":
            inner = key.named_children
            return v.key_text(self.value(inner[0])) if inner else UNKNOWN
        return v.key_text(self.value(key))

    def declarations(self, statement: Node) -> Iterator[tuple[str, Value]]:
        if statement.type == "export_statement":
            statement = statement.child_by_field_name("declaration") or statement
        if statement.type not in ("lexical_declaration", "variable_declaration"):
            return
        for declarator in statement.named_children:
            if declarator.type != "variable_declarator":
                continue
            name = declarator.child_by_field_name("name")
            if name is None or name.type != "identifier":
                continue
            value = self.value(declarator.child_by_field_name("value"))
            if value[0] in ("u", "c", "r"):
                annotated = _annotation_type(self, declarator.child_by_field_name("type"))
                if annotated is not None:
                    value = ["t", annotated, value]
            yield self.text(name), value

    # --- module level ---------------------------------------------------------------
    def top_level(self, root: Node) -> None:
        for node in root.named_children:
            self._statement(node)

    def _statement(self, node: Node) -> None:
        kind = node.type
        if kind == "export_statement":
            declaration = node.child_by_field_name("declaration")
            if declaration is not None:
                self._statement(declaration)
            value = node.child_by_field_name("value")
            if value is not None:
                self.facts.bindings["default"] = self.value(value)
        elif kind in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                if declarator.type == "variable_declarator":
                    self._declarator(declarator)
        elif kind == "enum_declaration":
            self._enum(node)
        elif kind == "import_statement":
            self._import(node)
        elif kind == "class_declaration":
            self._class(node)

    def _declarator(self, node: Node) -> None:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None or value is None:
            return
        required = self._required(value)
        if name.type == "identifier":
            if required is not None:
                self.facts.imports[self.text(name)] = [required, None]
            else:
                self.facts.bindings[self.text(name)] = self.value(value)
        elif name.type == "object_pattern" and required is not None:
            for part in name.named_children:
                if part.type == "shorthand_property_identifier_pattern":
                    self.facts.imports[self.text(part)] = [required, self.text(part)]
                elif part.type == "pair_pattern":
                    key = part.child_by_field_name("key")
                    local = part.child_by_field_name("value")
                    if key is not None and local is not None:
                        self.facts.imports[self.text(local)] = [required, self.text(key)]

    def _required(self, value: Node) -> str | None:
        if value.type != "call_expression":
            return None
        function = value.child_by_field_name("function")
        if function is None or self.text(function) != "require":
            return None
        args = self.arguments(value)
        return args[0][1][1] if args and args[0][1][0] == "s" else None

    def _enum(self, node: Node) -> None:
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return
        entries: list[tuple[object, Value]] = []
        for index, member in enumerate(body.named_children):
            if member.type == "enum_assignment":
                key = member.child_by_field_name("name")
                entries.append((self._key(key), self.value(member.child_by_field_name("value"))))
            elif member.type == "property_identifier":
                entries.append((self.text(member), ["i", index]))
        self.facts.bindings[self.text(name)] = v.obj(entries)

    def _class(self, node: Node) -> None:
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return
        entries: list[tuple[object, Value]] = []
        for member in body.named_children:
            if member.type in ("public_field_definition", "field_definition"):
                if "static" not in self.text(member).split("=", 1)[0].split():
                    continue
                key = member.child_by_field_name("name") or member.child_by_field_name("property")
                value = member.child_by_field_name("value")
                if key is not None and value is not None:
                    entries.append((self.text(key), self.value(value)))
        if entries:
            self.facts.bindings[self.text(name)] = v.obj(entries)

    def _import(self, node: Node) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            return
        module = self._string(source)
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    self.facts.imports[self.text(part)] = [module, "default"]
                elif part.type == "namespace_import":
                    for ident in part.named_children:
                        self.facts.imports[self.text(ident)] = [module, None]
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        imported = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or imported
                        if imported is not None and alias is not None:
                            self.facts.imports[self.text(alias)] = [module, self.text(imported)]


_ARRAY_TYPE = ("[]", "Array<", "ReadonlyArray<")
_SCALARS = {"string": "string", "number": "number", "boolean": "boolean", "null": "null"}


def _annotation_type(reader: Reader, node: Node | None) -> str | None:
    """`const total: number = ...`: the JSON type the annotation shows, if any."""
    if node is None:
        return None
    text = reader.text(node).lstrip(":").strip()
    if text in _SCALARS:
        return _SCALARS[text]
    if text.endswith("[]") or text.startswith(_ARRAY_TYPE[1:]):
        return "array"
    if text.startswith("{") or text.startswith("Record<") or text[:1].isupper():
        return "object"
    return None


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(text: str) -> str:
    body = text[1:]
    if body.startswith(("u", "x")):
        digits = body[1:].strip("{}")
        try:
            return chr(int(digits, 16))
        except ValueError:
            return text
    return _ESCAPES.get(body, body)
