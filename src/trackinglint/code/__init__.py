"""Analytics calls in source code: found with real grammars, checked against the plan.

    files -> walk (named paths only) -> syntax (tree-sitter, one reader per language)
          -> facts per file (raw calls, constants, imports; cached by content)
          -> resolve (constants, enums, imports, TypeScript path aliases)
          -> calls matched to SDK shapes (data, in shapes.py) and declared wrappers

The grammars are the optional extra `code` (`pip install 'trackinglint[code]'`);
nothing here is imported unless code is scanned.
"""

from __future__ import annotations

from .model import Call, ScanNote, ScanResult
from .scan import ScanOptions, scan

__all__ = ["Call", "ScanNote", "ScanOptions", "ScanResult", "scan"]
