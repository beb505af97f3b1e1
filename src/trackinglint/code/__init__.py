"""Analytics calls in source code: found with real grammars, checked against the plan.

    files -> walk (named paths only) -> syntax (tree-sitter, one reader per language)
          -> facts per file (raw calls, constants, imports; cached by content)
          -> resolve (constants, enums, imports, TypeScript path aliases)
          -> calls matched to SDK shapes (data, in shapes.py) and declared wrappers

The grammars are the optional extra `code` (`pip install 'trackinglint[code]'`);
nothing here is imported unless code is scanned.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Call", "ScanNote", "ScanOptions", "ScanResult"]  # the scanner: .scan.scan


def __getattr__(name: str) -> Any:
    """Exports load on first use: `trackinglint.code.languages` (which the suppressions
    read for source suffixes) must not pull in the scanner at every start-up."""
    import importlib

    homes = {"ScanOptions": ".scan", "Call": ".model", "ScanNote": ".model",
             "ScanResult": ".model"}  # fmt: skip
    if name not in homes:
        raise AttributeError(name)
    return getattr(importlib.import_module(homes[name], __name__), name)
