"""What changed between two versions of a map, as rows a page shows beside the map: the
records added, removed or changed, the seats and chairs that moved, the findings that
appeared, changed and went. Names, never raw HTML: the pages show these rows in tables."""

from __future__ import annotations

from mapper.diagnosis import ChangesInWords
from mapper.findings import Finding
from mapper.model import SECTIONS, Partnership, sections_shown

__all__ = ["record_rows", "finding_rows", "summary_line", "was_words"]


def _label(partnership: Partnership, section: str, ident: str) -> str:
    record = next((r for r in getattr(partnership, section) if r.id == ident), None)
    return getattr(record, "label", ident) if record is not None else ident


def record_rows(
    old: Partnership, new: Partnership, changes: ChangesInWords
) -> list[dict[str, str]]:
    """One row per record added, removed or changed, and per meeting whose seats or chair
    moved: what it is, its name, and what happened to it."""
    rows = []
    for section in sections_shown(with_ids=True):
        word = SECTIONS[section].record
        for ident in changes.added.get(section, []):
            rows.append({"what": word, "name": _label(new, section, ident), "change": "added"})
        for ident in changes.changed.get(section, []):
            if section == "meetings" and (ident in changes.seats or ident in changes.chairs):
                continue  # said below, with who joined and left
            rows.append({"what": word, "name": _label(new, section, ident), "change": "changed"})
        for ident in changes.removed.get(section, []):
            rows.append({"what": word, "name": _label(old, section, ident), "change": "removed"})
    people_new, people_old = new.person_by_id, old.person_by_id

    def who(ids: list[str], where: dict) -> str:
        return ", ".join(where[i].label if i in where else i for i in ids)

    for meeting, seats in changes.seats.items():
        moves = []
        if seats["joined"]:
            moves.append(f"joined: {who(seats['joined'], people_new)}")
        if seats["left"]:
            moves.append(f"left: {who(seats['left'], people_old)}")
        name = _label(new, "meetings", meeting)
        rows.append({"what": "meeting", "name": name, "change": "; ".join(moves)})
    for meeting, chair in changes.chairs.items():
        change = f"chair: {who(chair['before'], people_old)} → {who(chair['after'], people_new)}"
        rows.append({"what": "meeting", "name": _label(new, "meetings", meeting), "change": change})
    was, now = set(old.relationships), set(new.relationships)
    for relationship, change in [
        *((r, "added") for r in now - was),
        *((r, "removed") for r in was - now),
    ]:
        where = new if change == "added" else old
        ends = [
            _label(where, s, end)
            for end in (relationship.source, relationship.target)
            for s in ("organisations", "people")
            if any(r.id == end for r in getattr(where, s))
        ]
        rows.append({"what": "relationship", "name": " – ".join(ends), "change": change})
    return rows


def finding_rows(changes: ChangesInWords) -> list[dict[str, str]]:
    """The findings that appeared, then those that changed (what they said before), then
    those that went, with their severity."""
    return [
        *(
            {"": "appeared", "severity": f.severity, "finding": f.title}
            for f in changes.new_findings
        ),
        *(
            {
                "": "changed",
                "severity": now.severity,
                "finding": f"{now.title} ({was_words(was, now)})",
            }
            for was, now in changes.altered_findings
        ),
        *(
            {"": "went", "severity": f.severity, "finding": f.title}
            for f in changes.resolved_findings
        ),
    ]


def summary_line(old: Partnership, new: Partnership, changes: ChangesInWords) -> str:
    """'3 records added, 1 changed, 1 relationship removed; 2 findings appeared, 1 went'."""
    was, now = set(old.relationships), set(new.relationships)
    counts = [
        (sum(len(v) for v in changes.added.values()), "record", "added"),
        (sum(len(v) for v in changes.changed.values()), "record", "changed"),
        (sum(len(v) for v in changes.removed.values()), "record", "removed"),
        (len(now - was), "relationship", "added"),
        (len(was - now), "relationship", "removed"),
    ]
    parts = [f"{n} {word if n == 1 else word + 's'} {what}" for n, word, what in counts if n]
    appeared, went = len(changes.new_findings), len(changes.resolved_findings)
    altered = len(changes.altered_findings)
    if not parts and not appeared and not went and not altered:
        return "No change."
    findings = f"{appeared} {'finding' if appeared == 1 else 'findings'} appeared, {went} went"
    if altered:
        findings += f", {altered} changed"
    return f"{', '.join(parts) or 'No record changed'}; {findings}."


def was_words(was: Finding, now: Finding) -> str:
    """What a finding that changed said before: its severity when that changed, and its
    title when that did."""
    if was.title == now.title:
        return f"was {was.severity}"
    severity = f" {was.severity}" if was.severity != now.severity else ""
    return f"was{severity}: {was.title}"
