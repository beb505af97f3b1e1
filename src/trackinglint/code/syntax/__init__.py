"""One reader per language family: a tree-sitter tree in, `FileFacts` out."""

from __future__ import annotations

from collections.abc import Collection

from ..languages import parser_for
from ..model import FileFacts
from .base import Reader


def read_facts(language: str, source: bytes, methods: Collection[str]) -> FileFacts:
    """Parse `source` and keep the calls whose method is in `methods`, plus constants
    and imports (for names used by calls elsewhere)."""
    reader = _reader(language)
    tree = parser_for(language).parse(source)
    return reader(language, source, methods).read(tree.root_node)


def _reader(language: str) -> type[Reader]:
    if language in ("javascript", "typescript", "tsx"):
        from .js import JsReader

        return JsReader
    if language == "python":
        from .python import PythonReader

        return PythonReader
    if language == "ruby":
        from .ruby import RubyReader

        return RubyReader
    if language == "go":
        from .golang import GoReader

        return GoReader
    if language in ("java", "kotlin"):
        from .jvm import JvmReader

        return JvmReader
    from .swift import SwiftReader

    return SwiftReader
