"""Rule pages: the Markdown files in rules/, shipped inside the package.

A wheel carries them as `trackinglint/rule_pages/`; a source checkout reads the
top-level `rules/` folder directly, so editing a page needs no reinstall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from .rules.api import Rule

_FENCE = re.compile(r"^## (?P<heading>[^\n]+)\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)
_BLOCK = re.compile(r"^```(?P<lang>yaml|json|toml)(?P<info>[^\n]*)\n(?P<code>.*?)^```", re.M | re.S)
_PATH = re.compile(r"\bpath=(?P<path>\S+)")  # ```json path=schemas/…/1-0-0: where the file lives


@dataclass(frozen=True, slots=True)
class Example:
    kind: str  # "bad" or "good"
    language: str  # "yaml" or "json"
    code: str
    path: str | None = None  # relative path to lint it at, when the path matters (Iglu)


@cache
def pages_folder() -> Path | None:
    packaged = files("trackinglint").joinpath("rule_pages")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    return checkout if checkout.is_dir() else None


def page_path(code: str) -> Path | None:
    folder = pages_folder()
    if folder is None:
        return None
    # Lint rules sit at the top; other kinds of codes in a subfolder (diff/TD001-...).
    found = sorted(folder.glob(f"{code}-*.md")) or sorted(folder.glob(f"*/{code}-*.md"))
    return found[0] if found else None


def page_text(rule: Rule) -> str:
    """The rule's page, or one made from its declaration when it has none."""
    if rule.page is not None:
        return rule.page
    path = page_path(rule.code)
    if path is not None:
        return path.read_text(encoding="utf-8")
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**Severity:** {rule.severity} · **Group:** {rule.group} · "
        f"**Default:** {'on' if rule.enabled_by_default else 'off'}",
        "",
        rule.summary,
    ]
    if rule.options:
        lines += ["", "## Options", "", "| option | default | meaning |", "|---|---|---|"]
        lines += [f"| `{k}` | `{o.default!r}` | {o.description} |" for k, o in rule.options.items()]
    return "\n".join(lines) + "\n"


def examples(text: str) -> list[Example]:
    """Code blocks under headings that start with 'Bad example' or 'Good example', and
    under 'Context': files both examples are linted beside (an OpenTrackPlan event
    needs its project's `opentp.yaml`)."""
    found = []
    for section in _FENCE.finditer(text):
        heading = section.group("heading").lower()
        kind = (
            "bad"
            if heading.startswith("bad example")
            else ("good" if heading.startswith("good example") else None)
        )
        if heading.startswith("context"):
            kind = "context"
        if kind is None:
            continue
        for block in _BLOCK.finditer(section.group("body")):
            where = _PATH.search(block.group("info"))
            path = where.group("path") if where else None
            found.append(Example(kind, block.group("lang"), block.group("code"), path))
    return found
