"""Read the figures out of an HTML report (the file, or the DOM Chromium rendered).

The report marks its figures with data- attributes (data-summary, data-count-*,
data-job, data-metric, ...); this collects them with the standard library's
parser, so the file test and the browser test read the page the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


class ReportDom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in {"br", "meta", "input", "img", "link", "hr"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    # What the tests ask of the page

    def with_attr(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.attrs]

    def values(self, name: str) -> dict[str, str]:
        """{attribute value: element text} for every element carrying `name`."""
        return {e.attrs[name] or "": e.text.strip() for e in self.with_attr(name)}

    def summary(self) -> dict[str, str]:
        """The balance table of the first plan: key -> data-value."""
        found = self.with_attr("data-summary")
        return {str(e.attrs["data-summary"]): str(e.attrs["data-value"]) for e in found}

    def by_id(self, ident: str) -> Element:
        return next(e for e in self.elements if e.attrs.get("id") == ident)

    def urls(self) -> list[str]:
        """Every URL-valued attribute: none may point outside the page."""
        keys = ("href", "src", "action", "poster", "data", "srcset", "xlink:href")
        return [str(e.attrs[k]) for e in self.elements for k in keys if e.attrs.get(k) is not None]


def read_report(html: str) -> ReportDom:
    dom = ReportDom()
    dom.feed(html)
    dom.close()
    return dom
