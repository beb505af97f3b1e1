"""Stable fingerprints for findings, shared by the SARIF and GitLab outputs.

Code scanning and merge-request widgets match a finding across commits by its
fingerprint. It is made of the file, the rule and the path inside the document
(plus which occurrence of that triple it is), never the line: a plan edited
above a finding keeps the finding's identity.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from ..findings import Finding

VERSION = "trackinglint/v1"


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the order given (the engine's order)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for finding in findings:
        key = (finding.file, finding.code, finding.path)
        seen[key] += 1
        text = "\x00".join((*key, str(seen[key])))
        result.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return result
