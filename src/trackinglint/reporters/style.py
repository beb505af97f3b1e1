"""Terminal colour, used only when asked for (a TTY, or --color always)."""

from __future__ import annotations

from ..findings import Severity

_CODES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "blue": "34", "cyan": "36"}
SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def severity(self, severity: Severity, text: str | None = None) -> str:
        return self(text or severity.value, "bold", SEVERITY_COLOR[severity])
