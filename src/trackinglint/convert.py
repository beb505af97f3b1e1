"""`trackinglint convert PATHS --to native`: a plan in any format, written natively.

The plan is read the way `check` reads it (same discovery, configuration and
readers, files merged into one plan), then written as one native YAML file:
events with their properties, shared properties, and whatever a native file
beside the plan added (product, jobs, metrics, dashboards). Only the keys the
native schema allows are written, so the result lints without TL002.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from .cli_habits import require_paths
from .model import Dashboard, Event, Job, Metric, Plan, Property
from .readers.common import JSON_TYPES
from .sources.yaml_loader import resolve_plain

# JSON Schema keywords the native property schema accepts, copied as written
_SCHEMA_KEYS = (
    "enum", "const", "default", "examples", "format", "pattern", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
    "minItems", "maxItems", "uniqueItems", "additionalProperties", "deprecated",
)  # fmt: skip
_NUMBER_KEYS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_COUNT_KEYS = frozenset({"minLength", "maxLength", "minItems", "maxItems"})
_KINDS = ("job_completion", "feature_interaction")
_SURROGATE = re.compile("[\ud800-\udfff]")
_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")
READ_PROBLEMS = ("TL000", "TL001", "TL004")  # the plan was not read in full


def add_parser(commands: Any) -> None:
    """The `convert` subcommand's arguments."""
    convert = commands.add_parser(
        "convert", help="write a plan (Segment, RudderStack, Iglu, Avo, CSV…) in the native format"
    )
    convert.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of the plan")
    convert.add_argument(
        "--to", choices=("native",), default="native", help="the format to write (native)"
    )
    convert.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout"
    )
    convert.add_argument(
        "--force", action="store_true", help="overwrite the --output file if it exists"
    )
    convert.add_argument("--plan-format", metavar="FORMAT", help="read every file as this format")
    convert.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file")
    from .cli_scan import add_convert_options

    add_convert_options(convert)


def run(args: argparse.Namespace, registry: Any, parser: argparse.ArgumentParser) -> int:
    """Read, convert, write; returns the exit code (2 when nothing could be converted)."""
    from .engine import Engine
    from .policy import Overrides

    require_paths(args.paths, parser)
    if getattr(args, "from_code", False):
        from .cli_scan import convert_from_code

        return convert_from_code(args, parser)
    check_format_name(args.plan_format, registry, parser)
    if args.output is not None and args.output.is_dir():
        parser.error(f"--output {args.output} is a folder; name the file to write, e.g. plan.yaml")
    if args.output is not None and args.output.exists() and not args.force:
        parser.error(f"{args.output} exists; pass --force to overwrite it")
    overrides = Overrides(select=("TL0",), plan_format=args.plan_format)
    result = Engine(registry, config_file=args.config, overrides=overrides).lint(args.paths)
    unread = [finding for finding in result.findings if finding.code in READ_PROBLEMS]
    for finding in unread:
        where = f"{finding.file}:{finding.line}:{finding.column}"
        print(f"trackinglint: warning: {where}: {finding.code} {finding.message}", file=sys.stderr)
    plan = Plan()
    for part in result.plans:
        plan.merge(part)
    if not plan.documents:
        print("trackinglint: error: no plan found to convert", file=sys.stderr)
        return 2
    if unread:  # converting the rest would drop those files' events without a word
        files = len({finding.file for finding in unread})
        print(
            f"trackinglint: error: {files} file{'s' if files > 1 else ''} could not be read in "
            "full; nothing was converted (fix them, or leave them out of the paths)",
            file=sys.stderr,
        )
        return 1
    body, replaced = native_body(plan)
    text = _comment(_header([d.display_path for d in plan.documents])) + body
    code = 0
    if replaced:
        print(
            f"trackinglint: error: {replaced} name{'s' if replaced > 1 else ''} or text"
            f"{'s' if replaced > 1 else ''} held an unpaired surrogate (\\ud800-\\udfff), which "
            "YAML cannot hold; written as U+FFFD",
            file=sys.stderr,
        )
        code = 1
    return write_plan_text(text, args, parser, len(plan.events)) or code


def write_plan_text(
    text: str, args: argparse.Namespace, parser: argparse.ArgumentParser, events: int
) -> int:
    """A converted plan to stdout, or to `--output` (an existing file only with `--force`);
    0 once written, 2 if the file cannot be written."""
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w" if args.force else "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        parser.error(f"{args.output} exists; pass --force to overwrite it")
    except OSError as exc:
        print(f"trackinglint: error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"trackinglint: wrote {events} events to {args.output}", file=sys.stderr)
    return 0


def check_format_name(name: str | None, registry: Any, parser: argparse.ArgumentParser) -> None:
    """`--plan-format` must name a registered reader."""
    from .readers.selection import unknown_format

    error = unknown_format(name, registry.readers)
    if error:
        parser.error(error)


def to_native_yaml(plan: Plan, sources: Sequence[str] = ()) -> str:
    """The plan as one native YAML document, with a comment naming where it came from."""
    return _comment(_header(sources)) + native_body(plan)[0]


def _header(sources: Sequence[str]) -> str:
    header = "Converted by `trackinglint convert`"
    if sources:
        more = len(sources) - 3
        header += " from " + ", ".join(sources[:3]) + (f" and {more} more" if more > 0 else "")
    return header


def native_body(plan: Plan) -> tuple[str, int]:
    """The YAML, and how many strings held unpaired surrogates (written as U+FFFD).

    YAML can hold no unpaired surrogate, even escaped, though JSON text can.
    """
    data = to_native(plan)
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100}
    try:
        return yaml.dump(data, Dumper=_Dumper, default_flow_style=False, **options), 0
    except UnicodeEncodeError:
        replaced = [0]
        data = _without_surrogates(data, replaced)
        return yaml.dump(data, Dumper=_Dumper, default_flow_style=False, **options), replaced[0]


def _without_surrogates(value: Any, replaced: list[int]) -> Any:
    if isinstance(value, str):
        clean = _SURROGATE.sub("\ufffd", value)
        replaced[0] += clean != value
        return clean
    if isinstance(value, dict):
        return {_without_surrogates(k, replaced): _without_surrogates(v, replaced)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [_without_surrogates(item, replaced) for item in value]
    return value


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML writes YAML 1.1; trackinglint reads YAML 1.2 (sources/yaml_loader.py).

    libyaml's emitter when PyYAML has it: five times faster on a large plan.
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Quote every string that trackinglint would read back as something else.

    PyYAML leaves `08`, `1e5` and `0o17` plain, since YAML 1.1 reads them as
    strings; YAML 1.2 (and so trackinglint) reads them as numbers.
    """
    try:
        read_back = resolve_plain(value) if value else None
    except ValueError:  # a number too long to read: certainly not this string
        read_back = None
    style = None if isinstance(read_back, str) else "'"
    if _YAML_BREAKS.search(value):  # line breaks to YAML, folded away unless escaped
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _comment(text: str) -> str:
    import textwrap

    lines = textwrap.wrap(text, 96, break_long_words=False, break_on_hyphens=False)
    return "".join(f"# {line}\n" for line in lines)


def to_native(plan: Plan) -> dict[str, Any]:
    """The plan as native data (see PLAN-FORMAT.md); empty sections are left out."""
    data: dict[str, Any] = {"trackinglint": 1}
    if plan.product is not None:
        product = plan.product
        data["product"] = _drop_empty(
            {"name": product.name, "job": product.job, "description": product.description}
        )
    sections: tuple[tuple[str, Mapping[str, Any], Callable[[Any], dict[str, Any]]], ...] = (
        ("jobs", plan.jobs, _job),
        ("events", plan.events, partial(_event, shared=plan.properties)),
        ("properties", plan.properties, _property),
        ("metrics", plan.metrics, _metric),
        ("dashboards", plan.dashboards, _dashboard),
    )
    for key, items, write in sections:
        if items:
            data[key] = {name: write(item) for name, item in items.items()}
    return data


def _job(job: Job) -> dict[str, Any]:
    return _drop_empty(
        {
            "description": job.description,
            "start": _one_or_list(job.start),
            "completion": _one_or_list(job.completion),
        }
    )


def _one_or_list(names: tuple[str, ...]) -> Any:
    """A single name as itself, several as a list, none as None (left out)."""
    return names[0] if len(names) == 1 else list(names) or None


def _event(event: Event, shared: Mapping[str, Property]) -> dict[str, Any]:
    return _drop_empty(
        {
            "description": event.description,
            "kind": event.kind if event.kind in _KINDS else None,
            "job": event.job,
            "owner": event.owner,
            "tags": list(event.tags) or None,
            "properties": {name: _property(p, shared) for name, p in event.properties.items()}
            or None,
        }
    )


def _property(prop: Property, shared: Mapping[str, Property] | None = None) -> dict[str, Any]:
    types = [t for t in prop.types if t in JSON_TYPES]
    out: dict[str, Any] = {}
    ref = prop.ref if prop.ref and _ref_fits(prop, shared or {}) else None
    if ref:
        out["$ref"] = ref
    elif types:
        out["type"] = types[0] if len(types) == 1 else types
    if prop.required:
        out["required"] = True
    if prop.description:
        out["description"] = prop.description
    if prop.pii is not None:
        out["pii"] = prop.pii
    if not ref:  # a shared definition carries its own keywords
        for key in _SCHEMA_KEYS:
            if key in prop.schema and _fits(key, prop.schema[key]):
                out[key] = prop.schema[key]
    if prop.items is not None:
        out["items"] = _property(prop.items, shared)
    if prop.properties:
        out["properties"] = {name: _property(p, shared) for name, p in prop.properties.items()}
    return out


def _ref_fits(prop: Property, shared: Mapping[str, Property]) -> bool:
    """Whether the shared property of that name is the one `prop` refers to.

    Two catalog properties may share a name (RudderStack keeps them apart by id);
    the plan keeps the first under the name, so a reference to the second must
    be written out in full, or its bounds would become the first one's.
    """
    target = shared.get(prop.ref or "")
    own = {key: prop.schema[key] for key in _SCHEMA_KEYS if key in prop.schema}
    if target is None or (not prop.types and not own):
        return True  # a bare reference, as native plans write them
    theirs = {key: target.schema[key] for key in _SCHEMA_KEYS if key in target.schema}
    return set(prop.types) == set(target.types) and own == theirs


def _fits(key: str, value: Any) -> bool:
    """Whether a keyword's value has the shape the native schema allows."""
    if key in _NUMBER_KEYS or key == "multipleOf":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok and (key != "multipleOf" or value > 0)
    if key in _COUNT_KEYS:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if key in ("format", "pattern"):
        return isinstance(value, str)
    if key == "enum":
        return isinstance(value, list) and bool(value)
    if key == "examples":
        return isinstance(value, list)
    if key in ("uniqueItems", "additionalProperties", "deprecated"):
        return isinstance(value, bool)
    return True


def _metric(metric: Metric) -> dict[str, Any]:
    target = None
    if metric.target is not None and isinstance(metric.target.value, (int, float)):
        target = _drop_empty({"value": metric.target.value, "by": metric.target.by})
    return _drop_empty(
        {
            "description": metric.description,
            "north_star": True if metric.north_star else None,
            "role": metric.role if metric.role != "north_star" else None,
            "event": metric.event,
            "numerator": metric.numerator,
            "denominator": metric.denominator,
            "aggregation": metric.aggregation,
            "job": metric.job,
            "window": metric.window,
            "per": list(metric.per) or None,
            "direction": metric.direction,
            "decision": metric.decision,
            "target": target,
            "gaming_test": metric.gaming_test,
        }
    )


def _dashboard(dashboard: Dashboard) -> dict[str, Any]:
    return _drop_empty(
        {
            "description": dashboard.description,
            "metrics": [ref.name for ref in dashboard.metrics] or None,
        }
    )


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}
