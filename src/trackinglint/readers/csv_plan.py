"""Tracking-plan spreadsheets saved as CSV or TSV: one row per event–property pair.

    Event Name,Event Description,Property Name,Property Type,Required
    Order Completed,A customer paid for an order,order_id,string,yes
    ,,revenue,number,yes                      <- a blank event cell continues the one above

Columns are recognised by their header, whatever the spelling ("Event Name",
"event_name", "EVENT"); `csv-columns` in the configuration maps any other
header to a field, e.g. `csv-columns = {event = "Hit name", property = "Param"}`.
Rows of one event may be anywhere in the sheet. Every finding points at the
cell it is about.

Sheets as teams keep them: `#` comment lines above the header are passed over,
the delimiter (`,` `;` tab) is read off the header row, a property cell may
list several names ("item_id, value, currency"), a "Required parameters"
column lists the names that are required, and a `status` column saying
deleted or blocked keeps an event out of the live events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..findings import Problem
from ..model import Event, Origin, Property
from ..sources import Document
from ..sources.csv_source import CsvLocator, guess_delimiter, header_line
from . import ReadResult
from .common import Collector
from .reader_rules import UNKNOWN_FORMAT

# field -> recognised headers, lowercased with everything but letters and digits removed
COLUMNS: dict[str, tuple[str, ...]] = {
    "event": ("eventname", "event", "eventkey", "eventtitle", "eventlabel"),
    "event-description": (
        "eventdescription", "eventdesc", "description", "eventdefinition",
        "eventtriggerdescription", "triggerdescription", "whentofire", "trigger",
        "note", "notes", "comment", "comments",  # only when no column above is there
    ),
    "property": (
        "propertyname", "property", "propname", "propertykey", "eventproperty",
        "eventpropertyname", "attribute", "attributename", "parameter", "parametername",
        "param", "paramname", "field", "fieldname", "eventparametername", "eventparameter",
        "eventpropertykey",
        # a column listing several names in each cell
        "parameters", "params", "properties", "eventparameters", "eventproperties",
        "attributes", "fields",
    ),
    "property-description": (
        "propertydescription", "propdescription", "attributedescription",
        "parameterdescription", "paramdescription", "fielddescription",
        "eventparameterdescription", "eventpropertydescription",
    ),
    "type": (
        "propertytype", "type", "datatype", "valuetype", "propertydatatype",
        "propertyvaluetype", "proptype", "attributetype", "parametertype", "fieldtype",
        "variabletype", "parametervaluetype", "eventparametervaluetype",
    ),
    "required": (
        "required", "isrequired", "propertyrequired", "propertypresence", "presence",
        "mandatory", "requiredoptional",
    ),
    "owner": ("owner", "eventowner", "team", "ownerteam"),
    "tags": ("tags", "eventtags", "category", "categories", "eventcategory", "eventcategories"),
    "kind": ("kind", "eventkind"),
    "job": ("job", "jobtobedone"),
    "enum": ("allowedvalues", "enum", "enumvalues", "propertyallowedvalues", "possiblevalues"),
    "pii": ("pii", "ispii", "personaldata", "sensitive"),
    "required-properties": (
        "requiredparameters", "requiredparams", "requiredproperties", "requiredprops",
        "requiredfields", "requiredattributes", "mandatoryparameters", "mandatoryproperties",
        "mandatoryfields",
    ),
    "status": ("status", "eventstatus", "state", "eventstate"),
}  # fmt: skip
FIELDS = tuple(COLUMNS)

_TYPES = {
    **dict.fromkeys(("string", "str", "text", "varchar", "char"), "string"),
    **dict.fromkeys(("number", "float", "double", "decimal", "numeric", "real"), "number"),
    **dict.fromkeys(("integer", "int", "long", "bigint", "int64", "int32"), "integer"),
    **dict.fromkeys(("boolean", "bool"), "boolean"),
    **dict.fromkeys(("object", "map", "dict", "dictionary", "json", "struct"), "object"),
    **dict.fromkeys(("array", "list"), "array"),
    "null": "null",
}
_FORMATS = {"date": "date", "datetime": "date-time", "date-time": "date-time",
            "timestamp": "date-time", "time": "time", "email": "email", "url": "uri",
            "uri": "uri", "uuid": "uuid"}  # fmt: skip
_LIST_OF = re.compile(r"(?:list|array)\s*(?:of\s+|<\s*)([a-z-]+)\s*>?\Z|([a-z-]+)\s*\[\]\Z")
_YES = frozenset({"yes", "y", "true", "t", "1", "x", "required", "always", "alwayssent",
                  "mandatory", "✓", "✔"})  # fmt: skip
_NO = frozenset({"no", "n", "false", "f", "0", "optional", "sometimes", "sometimessent",
                 "never", "-"})  # fmt: skip
_KINDS = {
    **dict.fromkeys(("jobcompletion", "completion", "outcome", "progress"), "job_completion"),
    **dict.fromkeys(("featureinteraction", "interaction", "motion"), "feature_interaction"),
}
_SPLIT = re.compile(r"\s*[,;|]\s*")
_NAMES = re.compile(r"\s*(?:[,;|]|\r?\n)\s*")  # names listed in one cell
# more columns of property names, one per cell: `param_1`, `Property 2`, `revenue_param`
_MORE_NAMES = re.compile(r"(?:event)?(?:param|parameter|prop|property|attribute)\d+|[a-z]+param")


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.lower())


class CsvPlanReader:
    name = "csv"
    title = "CSV spreadsheet"
    priority = 50
    self_contained = True  # a complete export: a plan of its own (see trackinglint.plans)

    def sniff(self, path: Path, text: str) -> bool:
        if path.suffix.lower() not in (".csv", ".tsv"):
            return False
        first = header_line(text.lstrip("\ufeff"))
        delimiter = "\t" if path.suffix.lower() == ".tsv" else guess_delimiter(first)
        return any(_key(cell.strip('" ')) in COLUMNS["event"] for cell in first.split(delimiter))

    def sniff_with_settings(self, path: Path, text: str, settings: Any) -> bool:
        """The sniff, also knowing the headers named in `csv-columns`, so a sheet with
        its own column names is found in a folder walk too."""
        if self.sniff(path, text):
            return True
        headers = {_key(h) for h in (getattr(settings, "csv_columns", None) or {}).values()}
        if not headers or path.suffix.lower() not in (".csv", ".tsv"):
            return False
        lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
        cells = (cell.strip('" ') for line in lines[:20] for cell in _SPLIT.split(line))
        return any(_key(cell) in headers for cell in cells)

    def accepts(self, document: Document) -> bool:
        return isinstance(document.locator, CsvLocator)

    def read(self, document: Document) -> ReadResult:
        return self.read_all([document])

    def read_all(self, documents: Sequence[Document], settings: Any = None) -> ReadResult:
        out = Collector(documents)
        mapping = getattr(settings, "csv_columns", None) or {}
        for document in documents:
            _read_sheet(document, mapping, out)
        return out.result()


def column_map(headers: Sequence[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Field -> header: the configured header first, then the first recognised one."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(_key(header), header)
    found: dict[str, str] = {}
    for field, aliases in COLUMNS.items():
        if field in mapping:
            wanted = _key(mapping[field])
            if wanted in by_key:
                found[field] = by_key[wanted]
            continue
        known = next((by_key[alias] for alias in aliases if alias in by_key), None)
        if known is not None and known not in found.values():
            found[field] = known
    if "required" in found and "property" not in found and "required" not in mapping:
        # one row per event and no property column: a flag would have nothing to mark, so
        # `Required` lists the event's required parameter names (`currency;value;items`)
        found.setdefault("required-properties", found["required"])
        del found["required"]
    return found


def _read_sheet(document: Document, mapping: Mapping[str, str], out: Collector) -> None:
    locator = document.locator
    assert isinstance(locator, CsvLocator)
    rows = document.data or []
    columns = column_map(locator.columns, mapping)
    if "event" not in columns:
        headers = ", ".join(f"'{c}'" for c in locator.columns if c) or "none"
        configured = f" (`csv-columns` names '{mapping['event']}')" if "event" in mapping else ""
        out.problems.append(
            Problem(
                f"not a tracking plan trackinglint can read: the CSV has no event-name "
                f"column{configured}; headers: {headers}. Name one 'Event Name' or map it "
                'with `csv-columns = {event = "..."}`',
                Origin(document),
                code=UNKNOWN_FORMAT,
            )
        )
        return
    events: dict[str, Event] = {}
    first_row: dict[tuple[str, str], int] = {}
    current: str | None = None
    taken = set(columns.values())
    more_columns = [h for h in locator.columns if h not in taken and _MORE_NAMES.fullmatch(_key(h))]
    for index, row in enumerate(rows):
        cell = _cells(row, columns)
        name = cell("event")
        prop_cell = cell("property")
        if name:
            current = name
            if name not in events:
                events[name] = Event(name, Origin(document, (index, columns["event"])))
            _event_details(events[name], cell, document, index, columns, out)
        elif prop_cell and current is None:
            out.malformed(
                Origin(document, (index,)),
                f"row names property '{prop_cell}' but no event, and no event row comes "
                "before it; fill in the event name",
            )
            continue
        if current is None:
            continue
        event = events[current]
        names = listed_names(prop_cell)
        for prop_name in names:
            if prop_name in event.properties:
                line = document.span((first_row[(current, prop_name)], columns["property"])).line
                out.malformed(
                    Origin(document, (index, columns["property"])),
                    f"property '{prop_name}' of event '{current}' is listed again (first on "
                    f"line {line}); keep one row per event and property",
                )
                continue
            first_row[(current, prop_name)] = index
            if len(names) == 1:
                event.properties[prop_name] = _property(
                    prop_name, current, cell, document, index, columns, out
                )
            else:  # a list of names: the type and flags of the row describe none of them
                origin = Origin(document, (index, columns["property"], prop_name))
                event.properties[prop_name] = Property(prop_name, origin)
        for header in more_columns:
            for prop_name in listed_names(row.get(header, "")):
                origin = Origin(document, (index, header, prop_name))
                event.properties.setdefault(prop_name, Property(prop_name, origin))
        _required_list(event, cell("required-properties"), document, index, columns)
    for event in events.values():
        out.add(event, f"{event.status} {event.name}")


def listed_names(written: str) -> list[str]:
    """The property names of a cell: one, or several separated by `,` `;` `|` or lines."""
    return list(dict.fromkeys(part for part in _NAMES.split(written.strip()) if part))


def _required_list(event: Event, written: str, document: Document, index: int, columns) -> None:
    """A "Required parameters" cell: each name listed is required; one the sheet does
    not list as a property is added, pointing at this cell."""
    for name in listed_names(written):
        prop = event.properties.get(name)
        if prop is None:
            origin = Origin(document, (index, columns["required-properties"], name))
            event.properties[name] = Property(name, origin, required=True)
        else:
            prop.required = True


def _cells(row: Mapping[str, str], columns: Mapping[str, str]):
    def cell(field: str) -> str:
        header = columns.get(field)
        return row.get(header, "").strip() if header else ""

    return cell


def _event_details(event: Event, cell, document: Document, index: int, columns, out) -> None:
    """Description, owner, tags, kind and job: the first row that fills one in wins."""
    event.description = event.description or cell("event-description") or None
    event.owner = event.owner or cell("owner") or None
    if not event.tags and cell("tags"):
        event.tags = tuple(tag for tag in _SPLIT.split(cell("tags")) if tag)
    event.job = event.job or cell("job") or None
    status = cell("status").lower()
    if status:
        event.status = status
    written = cell("kind")
    if written:
        kind = _KINDS.get(_key(written))
        if kind is None:
            out.malformed(
                Origin(document, (index, columns["kind"])),
                f"kind '{written}' is neither job_completion nor feature_interaction",
            )
        event.kind = event.kind or kind


def _property(
    name: str, event: str, cell, document: Document, index: int, columns, out, owner: str = ""
) -> Property:
    """One property row; `owner` names what it belongs to when that is not an event."""
    origin = Origin(document, (index, columns["property"]))
    label = f"property '{name}' of {owner or f'event {event!r}'}"
    schema: dict[str, Any] = {}
    types: tuple[str, ...] = ()
    items = None
    written = cell("type")
    if written:
        types, fmt, item_type = _parse_type(written)
        if not types:
            out.malformed(
                Origin(document, (index, columns["type"])),
                f"{label} has type '{written}', which trackinglint cannot read; use string, "
                "number, integer, boolean, object, array or 'list of <type>'",
            )
            types = (written,)
        if fmt:
            schema["format"] = fmt
        if item_type:
            items = Property("items", origin, types=(item_type,))
    required = False
    flag = cell("required")
    if flag:
        key = _key(flag) or flag.strip().lower()
        if key in _YES:
            required = True
        elif key not in _NO:
            out.malformed(
                Origin(document, (index, columns["required"])),
                f"required flag '{flag}' of {label} is neither yes nor no",
            )
    values = cell("enum")
    if values:
        schema["enum"] = [value for value in _SPLIT.split(values) if value]
    pii_flag = _key(cell("pii"))
    pii = True if pii_flag in _YES else False if pii_flag in _NO and pii_flag else None
    if types:
        schema["type"] = types[0] if len(types) == 1 else list(types)
    return Property(
        name,
        origin,
        types=types,
        required=required,
        description=cell("property-description") or None,
        pii=pii,
        schema=schema,
        items=items,
    )


def _parse_type(written: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """(types, format, item type) of a type cell such as "string", "int | null",
    "list of string", "datetime"; empty types when unreadable."""
    types: list[str] = []
    fmt = item = None
    for part in _SPLIT.split(written.strip().lower()):
        if part in ("", "any"):
            continue
        listed = _LIST_OF.match(part)
        if listed:
            inner = listed[1] or listed[2]
            item = _TYPES.get(inner) or ("string" if inner in _FORMATS else None)
            if item is None:
                return (), None, None
            types.append("array")
        elif part in _TYPES:
            types.append(_TYPES[part])
        elif part in _FORMATS:
            types.append("string")
            fmt = _FORMATS[part]
        else:
            return (), None, None
    return tuple(dict.fromkeys(types)), fmt, item
