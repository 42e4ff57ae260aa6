"""Write a version 2 validation map as the nearest version 1 map, to run today's tool on it.

    python examples/real/as_version_1.py examples/real/highland-cpp.yaml > /tmp/highland-v1.yaml

What version 1 cannot say is dropped or approximated, as a map author would have had to:
`type`, `localities`, `locality`, `vacant`, `strategic_only`, `external`, `informs`, `board`,
`membership`, `starts`, `ends` and `chair_rotates` and `non_voting` (its people stay members)
are dropped; the new sectors become
`other`; `frequency: once` becomes 1 a year; a list of `reports_to` keeps its first meeting; a
meeting whose chair is only "rotating" gets its first member as chair. Comments are not kept.
"""

from __future__ import annotations

import sys

import yaml

NEW_SECTORS = {"community", "fire_and_rescue", "justice", "employment_and_skills"}
MEETING_DROPPED = (
    "chair_rotates",
    "external",
    "informs",
    "board",
    "membership",
    "locality",
    "starts",
    "ends",
)


def as_version_1(data: dict) -> dict:
    data = dict(data, version=1)
    data.pop("type", None)
    data.pop("localities", None)
    for org in data.get("organisations") or []:
        org.pop("locality", None)
        org.pop("strategic_only", None)
        if org.get("sector") in NEW_SECTORS:
            org["sector"] = "other"
    for person in data.get("people") or []:
        person.pop("locality", None)
        person.pop("vacant", None)
    for meeting in data.get("meetings") or []:
        for key in MEETING_DROPPED:
            meeting.pop(key, None)
        if meeting.get("frequency") == "once":
            meeting["frequency"] = 1
        members = list(meeting.get("members") or [])
        members += [p for p in meeting.pop("non_voting", None) or [] if p not in members]
        if not meeting.get("chairs"):
            meeting["chairs"], members = members[:1], members[1:]
        if members:
            meeting["members"] = members
        else:
            meeting.pop("members", None)
        if isinstance(meeting.get("reports_to"), list):
            meeting["reports_to"] = meeting["reports_to"][0]
    return data


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        converted = as_version_1(yaml.safe_load(source))
    yaml.safe_dump(converted, sys.stdout, sort_keys=False, allow_unicode=True, width=100)
