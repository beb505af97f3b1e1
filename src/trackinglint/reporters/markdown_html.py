"""Rule pages (Markdown) as HTML for the report, escaped first and formatted second.

Rule pages use a small part of Markdown: headings, paragraphs, lists, fenced
code, tables and inline `code` / **bold**. That part is rendered here; anything
else stays readable text. Everything is escaped before any tag is added, so a
page (which a plugin or a data rule may supply) can never inject markup.
"""

from __future__ import annotations

import re
from html import escape

_INLINE_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_ITEM = re.compile(r"\s*[-*]\s+(.*)")


def inline(text: str) -> str:
    """Escape, then mark up `code` and **bold**."""
    text = escape(text)
    text = _INLINE_CODE.sub(r"<code>\1</code>", text)
    return _BOLD.sub(r"<strong>\1</strong>", text)


def markdown_to_html(text: str, *, heading_offset: int = 2) -> str:
    """A rule page as HTML; headings move down `heading_offset` levels (h1 -> h3)."""
    out: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            index = _fence(lines, index, out)
        elif heading := _HEADING.match(line):
            level = min(len(heading.group(1)) + heading_offset, 6)
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
            index += 1
        elif line.lstrip().startswith("|"):
            index = _table(lines, index, out)
        elif _ITEM.match(line):
            index = _list(lines, index, out)
        elif line.strip():
            index = _paragraph(lines, index, out)
        else:
            index += 1
    return "\n".join(out)


def _fence(lines: list[str], index: int, out: list[str]) -> int:
    language = lines[index][3:].strip().split(" ")[0]
    body = []
    index += 1
    while index < len(lines) and not lines[index].startswith("```"):
        body.append(lines[index])
        index += 1
    label = f' aria-label="{escape(language)} example"' if language else ""
    out.append(f"<pre{label}><code>{escape(chr(10).join(body))}</code></pre>")
    return index + 1


def _table(lines: list[str], index: int, out: list[str]) -> int:
    """Consecutive table lines, kept as preformatted text: aligned as written."""
    body = []
    while index < len(lines) and lines[index].lstrip().startswith("|"):
        body.append(lines[index])
        index += 1
    out.append(f'<pre class="table">{escape(chr(10).join(body))}</pre>')
    return index


def _list(lines: list[str], index: int, out: list[str]) -> int:
    items = []
    while index < len(lines) and (item := _ITEM.match(lines[index])):
        items.append(f"<li>{inline(item.group(1))}</li>")
        index += 1
    out.append(f"<ul>{''.join(items)}</ul>")
    return index


def _paragraph(lines: list[str], index: int, out: list[str]) -> int:
    body = []
    while index < len(lines):
        line = lines[index]
        special = line.startswith("```") or _HEADING.match(line) or _ITEM.match(line)
        if not line.strip() or special or line.lstrip().startswith("|"):
            break
        body.append(line.strip())
        index += 1
    out.append(f"<p>{inline(' '.join(body))}</p>")
    return index
