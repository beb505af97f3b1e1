#!/usr/bin/env python3
"""Write a deterministic, realistic tracking plan of any size, for benchmarks.

    python benchmarks/gen_plan.py 5000 > plan-5k.yaml
    python benchmarks/gen_plan.py 5000 --json > plan-5k.json

Provenance: the team's shared benchmark kit (`shared/bench/gen_plan.py`, written for
this project), moved here so benchmarks and tests need nothing beside the repository;
reformatted with ruff, output byte for byte the same. Used by benchmarks/run.py and by
the loader tests (tests/source_helpers.py). Standard library only.

The plan uses the project's native format (see README.md): a product with
its job, jobs with completion events, events keyed by name with typed
properties, metrics (one north star, some surface metrics with targets, so the
outcome rules have work to do) and a dashboard. Same arguments, same bytes.
"""

import argparse
import json
import random

OBJECTS = [
    "Report",
    "Dashboard",
    "Deal",
    "Invoice",
    "Order",
    "Project",
    "Task",
    "Message",
    "Campaign",
    "Ticket",
    "Document",
    "Listing",
    "Booking",
    "Course",
    "Lesson",
    "Payment",
    "Workspace",
    "Template",
    "Comment",
    "Filter Panel",
    "Sidebar",
    "Modal",
    "Search Bar",
    "Settings Page",
    "Help Article",
    "Chart",
    "Query",
    "Contract",
]
INTERACTIONS = [
    "Viewed",
    "Clicked",
    "Opened",
    "Closed",
    "Hovered",
    "Expanded",
    "Toggled",
    "Scrolled",
    "Selected",
    "Searched",
    "Sorted",
    "Filtered",
]
COMPLETIONS = [
    "Completed",
    "Shared",
    "Submitted",
    "Published",
    "Approved",
    "Paid",
    "Signed",
    "Resolved",
    "Delivered",
    "Qualified",
    "Sent",
    "Merged",
]
FRICTION = ["Failed", "Retried", "Rejected", "Timed Out"]
TYPES = ["string", "integer", "number", "boolean"]
PROPS = [
    "id",
    "name",
    "source",
    "count",
    "amount",
    "status",
    "plan",
    "role",
    "position",
    "duration_ms",
    "variant",
    "locale",
    "channel",
    "page",
    "referrer",
]


def build(n_events, n_props, seed):
    rnd = random.Random(seed)
    events, jobs, completion_names = {}, {}, []
    for i in range(n_events):
        obj = rnd.choice(OBJECTS)
        roll = rnd.random()
        verb = (
            rnd.choice(COMPLETIONS)
            if roll < 0.15
            else rnd.choice(FRICTION)
            if roll < 0.20
            else rnd.choice(INTERACTIONS)
        )
        name = f"{obj} {verb} {i}"
        props = {}
        for p in rnd.sample(PROPS, k=min(n_props, len(PROPS))):
            key = f"{obj.lower().replace(' ', '_')}_{p}"
            props[key] = {
                "type": rnd.choice(TYPES),
                "required": rnd.random() < 0.5,
                "description": f"The {p.replace('_', ' ')} of the {obj.lower()}.",
            }
        event = {
            "description": f"Fired when the user's {obj.lower()} is {verb.lower()} (case {i}).",
            "owner": rnd.choice(["growth", "sales-analytics", "platform", "billing"]),
            "properties": props,
        }
        if verb in COMPLETIONS and len(jobs) < max(1, n_events // 50):
            job_id = f"job-{len(jobs) + 1}"
            jobs[job_id] = {
                "description": f"Get the {obj.lower()} {verb.lower()}.",
                "completion": name,
            }
            event["job"] = job_id
            completion_names.append(name)
        events[name] = event
    first_completion = completion_names[0] if completion_names else next(iter(events))
    some = list(events)
    metrics = {
        "Outcomes per active account per week": {
            "north_star": True,
            "event": first_completion,
            "aggregation": "count",
            "description": "How often accounts reach the outcome the product exists for.",
            "decision": "Where the roadmap puts its next quarter.",
            "target": {"value": 40},
            "gaming_test": "Only audited outcomes count.",
        },
        "Daily Active Users": {
            "event": some[1 % len(some)],
            "aggregation": "unique_users",
            "target": {"value": 10000},
        },
        "Average Session Duration": {
            "event": some[2 % len(some)],
            "aggregation": "duration",
            "role": "diagnostic",
        },
        "Total Registered Users": {"event": some[3 % len(some)], "aggregation": "cumulative"},
    }
    return {
        "trackinglint": 1,
        "product": {"name": "Benchmark Co", "job": "Get customers' work across the finish line."},
        "jobs": jobs,
        "events": events,
        "metrics": metrics,
        "dashboards": {
            "Leadership": {
                "metrics": ["Daily Active Users", "Outcomes per active account per week"]
            }
        },
    }


def to_yaml(value, indent=0):
    """A small emitter, so the generator needs nothing beyond the standard library."""
    pad = "  " * indent
    lines = []
    for key, item in value.items():
        k = json.dumps(key) if any(c in key for c in ":#{}[],&*!|>'\"%@`") else key
        if isinstance(item, dict) and item:
            lines.append(f"{pad}{k}:")
            lines.append(to_yaml(item, indent + 1))
        elif isinstance(item, list):
            lines.append(f"{pad}{k}:")
            lines.extend(f"{pad}  - {json.dumps(x)}" for x in item)
        else:
            lines.append(f"{pad}{k}: {json.dumps(item)}")
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", type=int)
    ap.add_argument("--properties", type=int, default=8, help="properties per event (max 15)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="write JSON instead of YAML")
    a = ap.parse_args()
    plan = build(a.events, a.properties, a.seed)
    print(json.dumps(plan, indent=2) if a.json else to_yaml(plan))
