"""Score a diagnosis against a review file: how many findings a reviewer keeps.

    python -m mapper check MAP.yaml --format json > findings.json
    python examples/real/precision.py examples/real/SLUG.review.yaml findings.json

A finding matches a review item of the same kind when both have no subjects, or when the item's
subjects are a subset of the finding's or the finding's of the item's (a pair finding of today's
missing_operational_link matches an item naming one of its organisations). Rejections are tried
first, so a pair with one end a reviewer calls noise counts as noise. Kept = findings matching an
expected item; precision = kept / findings shown.
"""

from __future__ import annotations

import json
import sys

import yaml


def matches(item: dict, finding: dict) -> bool:
    if item["kind"] != finding["kind"]:
        return False
    wanted, found = set(item["subjects"]), set(finding["subjects"])
    if not wanted and not found:
        return True
    return bool(wanted) and bool(found) and (wanted <= found or found <= wanted)


def score(review: dict, findings: list[dict]) -> dict:
    kept = rejected = 0
    unjudged = []
    for finding in findings:
        if any(
            matches(i, finding) and set(i["subjects"]) <= set(finding["subjects"])
            for i in review["reviewer_rejects"]
        ):
            rejected += 1
        elif any(matches(i, finding) for i in review["reviewer_expects"]):
            kept += 1
        else:
            unjudged.append((finding["kind"], finding["subjects"]))
    expected = review["reviewer_expects"]
    found = sum(any(matches(i, f) for f in findings) for i in expected)
    return {
        "findings": len(findings),
        "kept": kept,
        "rejected": rejected,
        "unjudged": unjudged,
        "precision": kept / len(findings) if findings else 1.0,
        "expected_found": f"{found}/{len(expected)}",
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as r, open(sys.argv[2], encoding="utf-8") as f:
        result = score(yaml.safe_load(r), json.load(f)["findings"])
    print(json.dumps(result, indent=2))
