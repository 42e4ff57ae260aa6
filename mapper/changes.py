"""What changed between two diagnoses: the findings that appeared and those that vanished.

One comparison for what-if (the map before and after departures), diff (two snapshots of a
map) and the review over time (`mapper.review`), so that the lists of findings that came and
went and the problems resolved and new never disagree. Two findings are the same one when:

- their kind and their subjects, taken as a set, are (the order of a list of people is not
  the finding): `match_key`;
- a finding about the whole system (no subjects) has the same kind and the same words in its
  evidence (the role missing, the level, the sector), whatever its numbers;
- a subject renamed keeps its id, and so its findings; a record whose id changed is followed
  when exactly one record of its section left and one came with the same name
  (`renamed_ids`);
- of the findings left unmatched, one of the earlier map and one of the later of the same kind
  are paired when the subjects of one hold all those of the other: a list of records that grew
  or shrank (a board and the meetings reporting to it with no family voice, one of them merged
  away) is the same finding still there. Two pairs of duplicate meetings that share one meeting
  hold neither the other: two findings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from mapper.findings import Detected, Detection
from mapper.model import Partnership, sections_shown

__all__ = ["Changes", "Key", "changes", "match_key", "matched", "renamed_ids"]

Key = tuple[str, frozenset[str]]


class _Found(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def subjects(self) -> tuple[str, ...]: ...
    @property
    def evidence(self) -> Mapping[str, Any]: ...


F = TypeVar("F", bound=_Found)


@dataclass(frozen=True)
class Changes:
    """Findings of `after` not in `before`, findings of `before` not in `after`, each in its
    diagnosis's order, and the findings in both that are about other records now (a list
    that grew or shrank), of another severity, or about the whole system with other
    evidence (before, after)."""

    appeared: list[Detected]
    vanished: list[Detected]
    altered: list[tuple[Detected, Detected]] = field(default_factory=list)


def match_key(found: _Found, renamed: Mapping[str, str] | None = None) -> Key:
    """What makes a finding the same one in two maps (the module's docstring); the ids of
    `renamed` are read as the ids they became."""
    renamed = renamed or {}
    subjects = frozenset(renamed.get(s, s) for s in found.subjects)
    if not subjects:
        subjects = frozenset(f"{k}={v}" for k, v in found.evidence.items() if isinstance(v, str))
    return found.kind, subjects


def matched(
    before: Sequence[F], after: Sequence[F], renamed: Mapping[str, str] | None = None
) -> tuple[dict[Key, F], dict[Key, F]]:
    """`before` and `after` by key, a finding of `before` whose list of subjects grew or
    shrank filed under the key of the finding of `after` it continues: a key in both is one
    finding, still there; in `before` only, gone; in `after` only, new."""
    then = {match_key(f, renamed): f for f in before}
    now = {match_key(f): f for f in after}
    for key in [k for k in now if k not in then and k[1]]:
        kind, subjects = key
        match = next(
            (
                k
                for k in then
                if k not in now and k[0] == kind and k[1] and (k[1] <= subjects or subjects <= k[1])
            ),
            None,
        )
        if match is not None:
            then[key] = then.pop(match)
    return then, now


def renamed_ids(old: Partnership, new: Partnership) -> dict[str, str]:
    """Ids of `old` that became another id in `new`: in a section, the only record that left
    and the only one that came with the same name (a person's, a meeting's)."""
    renamed = {}
    for section in sections_shown(with_ids=True):
        before = {r.id: r for r in getattr(old, section)}
        after = {r.id: r for r in getattr(new, section)}
        gone = [r for i, r in before.items() if i not in after]
        came = [r for i, r in after.items() if i not in before]
        for record in gone:
            name = getattr(record, "name", None)
            if not name:
                continue
            same = [r for r in came if getattr(r, "name", None) == name]
            if len(same) == 1 and sum(getattr(r, "name", None) == name for r in gone) == 1:
                renamed[record.id] = same[0].id
    return renamed


def changes(
    before: Detection, after: Detection, renamed: Mapping[str, str] | None = None
) -> Changes:
    then, now = matched(before.detected, after.detected, renamed)
    renamed = renamed or {}
    return Changes(
        [d for key, d in now.items() if key not in then],
        [d for key, d in then.items() if key not in now],
        [
            (then[key], d)
            for key, d in now.items()
            if key in then
            and (
                then[key].severity != d.severity
                or {renamed.get(s, s) for s in then[key].subjects} != set(d.subjects)
                # about the whole system: what its evidence counts changed
                or (not d.subjects and dict(then[key].evidence) != dict(d.evidence))
            )
        ],
    )
