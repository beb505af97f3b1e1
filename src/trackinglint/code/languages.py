"""Which grammar reads which file, loaded only when a file of its language is met.

The grammar wheels are the optional extra `code`: a missing one raises
`MissingGrammar`, which the CLI turns into an install hint (exit 2).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

# file suffix -> language name
LANGUAGES: dict[str, str] = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".py": "python",
    ".rb": "ruby",
    ".go": "go",
    ".java": "java",
    ".kt": "kotlin",
    ".kts": "kotlin",
    ".swift": "swift",
}

# language -> (module of its wheel, function returning the grammar, PyPI package)
_GRAMMARS: dict[str, tuple[str, str, str]] = {
    "javascript": ("tree_sitter_javascript", "language", "tree-sitter-javascript"),
    "typescript": ("tree_sitter_typescript", "language_typescript", "tree-sitter-typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx", "tree-sitter-typescript"),
    "python": ("tree_sitter_python", "language", "tree-sitter-python"),
    "ruby": ("tree_sitter_ruby", "language", "tree-sitter-ruby"),
    "go": ("tree_sitter_go", "language", "tree-sitter-go"),
    "java": ("tree_sitter_java", "language", "tree-sitter-java"),
    "kotlin": ("tree_sitter_kotlin", "language", "tree-sitter-kotlin"),
    "swift": ("tree_sitter_swift", "language", "tree-sitter-swift"),
}

INSTALL_HINT = "pip install 'trackinglint[code]'"


class MissingGrammar(RuntimeError):
    """A grammar (or tree-sitter itself) is not installed."""

    def __init__(self, package: str) -> None:
        super().__init__(
            f"scanning code needs {package}, which is not installed; "
            f"install the code extra: {INSTALL_HINT}"
        )
        self.package = package


def language_of(suffix: str) -> str | None:
    """The language of a file suffix, or None for files that are not scanned."""
    return LANGUAGES.get(suffix.lower())


def check_installed() -> None:
    """Raise MissingGrammar unless tree-sitter and every grammar wheel import."""
    for language in _GRAMMARS:
        parser_for(language)


@cache
def parser_for(language: str) -> Any:
    """A tree-sitter parser for `language`; the grammar loads on first use."""
    module_name, function, package = _GRAMMARS[language]
    try:
        import tree_sitter
    except ImportError:
        raise MissingGrammar("tree-sitter") from None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise MissingGrammar(package) from None
    return tree_sitter.Parser(tree_sitter.Language(getattr(module, function)()))
