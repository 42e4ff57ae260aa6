"""Deciding about findings: a finding accepted (with who acts on it and by when) or set aside
(with a reason), written into the map's `decisions:` as an ordinary change of the map.

A decision names its finding by kind and subjects (`mapper.model.Decision`); deciding again
about the same finding replaces the decision. A version 1 map becomes version 2, the first
that holds decisions. Nothing here saves: the face saves the map it gets back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from mapper.errors import MapperError
from mapper.model import Decision, Partnership, version_needed

__all__ = ["decide", "decision_about", "plan_for", "undecide"]


def _key(kind: str, subjects: Iterable[str]) -> tuple[str, frozenset[str]]:
    return kind, frozenset(subjects)


def _with_decisions(partnership: Partnership, decisions: list[Decision | dict]) -> Partnership:
    try:
        plain = [d if isinstance(d, dict) else d.model_dump(exclude_none=True) for d in decisions]
        needed = version_needed({"decisions": plain})
        return partnership.with_sections(version=max(partnership.version, needed), decisions=plain)
    except ValidationError as error:  # the library's error becomes ours, here and only here
        raise MapperError("; ".join(_message(e) for e in error.errors())) from None


def _message(error: ErrorDetails) -> str:
    where = error["loc"][-1] if error["loc"] else ""
    text = error["msg"].removeprefix("Value error, ")
    return f"{where}: {text}" if isinstance(where, str) and where != "decisions" else text


def decision_about(partnership: Partnership, kind: str, subjects: Iterable[str]) -> Decision | None:
    """The map's decision about the finding of `kind` about `subjects`, if there is one."""
    key = _key(kind, subjects)
    return next((d for d in partnership.decisions if d.finding_key == key), None)


def decide(
    partnership: Partnership,
    kind: str,
    subjects: Iterable[str],
    decision: str,
    reason: str | None = None,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    today: dt.date | None = None,
) -> Partnership:
    """The map with the finding of `kind` about `subjects` accepted or set aside
    (`decision`), dated `today`; an earlier decision about it is replaced, in its place.

    Raises MapperError saying what is wrong (a finding set aside with no reason, a reason
    that is too long, a word that is not a decision)."""
    subjects = tuple(subjects)
    record = {
        "kind": kind,
        "subjects": list(subjects),
        "decision": decision,
        "reason": (reason or "").strip() or None,
        "date": today or dt.date.today(),
        "owner": (owner or "").strip() or None,
        "due": due,
    }
    record = {k: v for k, v in record.items() if v is not None}
    key = _key(kind, subjects)
    decisions: list[Decision | dict] = [
        record if d.finding_key == key else d for d in partnership.decisions
    ]
    if all(d.finding_key != key for d in partnership.decisions):
        decisions.append(record)
    return _with_decisions(partnership, decisions)


def plan_for(
    partnership: Partnership,
    kind: str,
    subjects: Iterable[str],
    owner: str | None,
    due: dt.date | None,
    today: dt.date | None = None,
) -> Partnership:
    """The map with who acts on the finding and by when (the action plan's owner and due
    date): kept on its decision, which is made "accepted" if there was none."""
    subjects = tuple(subjects)
    earlier = decision_about(partnership, kind, subjects)
    if earlier is None:
        return decide(partnership, kind, subjects, "accepted", owner=owner, due=due, today=today)
    return decide(
        partnership,
        kind,
        subjects,
        earlier.decision,
        earlier.reason,
        owner=owner,
        due=due,
        today=earlier.date or today,
    )


def undecide(partnership: Partnership, kind: str, subjects: Iterable[str]) -> Partnership:
    """The map without its decision about the finding of `kind` about `subjects`: the
    finding is open again (a decision no longer applying is removed the same way)."""
    key = _key(kind, subjects)
    return _with_decisions(partnership, [d for d in partnership.decisions if d.finding_key != key])
