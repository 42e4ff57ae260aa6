"""Comparing two snapshots: what moved in the map and which findings appeared or resolved."""

from __future__ import annotations

import json

from mapper import parse_map
from mapper.diagnosis import compare, diagnose
from mapper.load import load_map
from tests.conftest import MINIMAL, ROOT

OPERATIONAL_GROUP = """\
  - {id: ops, level: operational, frequency: monthly, chairs: [ben-cole], members: [cara]}
"""
WITH_CARA = MINIMAL.replace(
    "people:\n", "people:\n  - {id: cara, organisation: nbc, level: operational}\n"
)


def test_people_meetings_seats_and_chairs_that_changed():
    old = parse_map(MINIMAL)
    new = parse_map(
        WITH_CARA.replace(
            "chairs: [amara-okafor]\n    members: [ben-cole]",
            "chairs: [ben-cole]\n    members: [amara-okafor, cara]",
        )
        + OPERATIONAL_GROUP
    )
    changes = compare(old, new)
    assert changes.added["people"] == ["cara"] and changes.removed["people"] == []
    assert changes.added["meetings"] == ["ops"]
    assert changes.seats == {"board": {"joined": ["cara"], "left": []}}
    assert changes.chairs == {"board": {"before": ["amara-okafor"], "after": ["ben-cole"]}}


def test_a_new_operational_group_resolves_the_missing_link():
    old = parse_map(WITH_CARA)
    new = parse_map(WITH_CARA + OPERATIONAL_GROUP)
    changes = compare(old, new)
    # Before, each organisation is linked through one person, and the council's is the gap
    # below the table (one gap, said once): the new group resolves both.
    before = {
        f.subjects: f.evidence["missing_below"]
        for f in changes.resolved_findings
        if f.kind == "sole_representative"
    }
    assert before == {("nbc", "amara-okafor"): ["trust"]}
    assert all(f.kind != "missing_operational_link" for f in changes.new_findings)
    (trust,) = [f for f in diagnose(new).findings if f.kind == "sole_representative"]
    assert trust.subjects == ("trust", "ben-cole") and trust.evidence["missing_below"] == []


def test_the_diff_command_in_text_and_json(run_cli, map_file):
    old = map_file(WITH_CARA, "old.yaml")
    new = map_file(WITH_CARA + OPERATIONAL_GROUP, "new.yaml")
    code, out, _ = run_cli("diff", str(old), str(new))
    assert code == 0
    assert "  meetings added: ops" in out.splitlines()
    assert (
        "  resolved, low: Northbridge Council is linked to the partnership only through Amara "
        "Okafor (board); below the table it meets none of its partners"
    ) in out.splitlines()
    code, out, _ = run_cli("diff", str(old), str(new), "--format", "json")
    assert json.loads(out)["added"]["meetings"] == ["ops"]


def test_an_invalid_snapshot_is_reported_like_check_does(run_cli, map_file):
    old = map_file(MINIMAL, "old.yaml")
    bad = map_file("version: 1\n", "new.yaml")
    code, out, err = run_cli("diff", str(old), str(bad))
    assert (code, out) == (2, "")
    assert err == f"{bad}:1: name: is missing; add `name:`\n"


def test_diff_says_how_many_problems_it_did_not_show(run_cli, map_file):
    people = "".join(
        f"  - {{id: p{i}, organisation: nowhere, level: operational}}\n" for i in range(120)
    )
    bad = map_file(MINIMAL.replace("people:\n", "people:\n" + people), "bad.yaml")
    code, _, err = run_cli("diff", str(map_file(MINIMAL, "old.yaml")), str(bad))
    assert code == 2
    assert err.splitlines()[-1] == f"{bad}: ... and 20 more problems"


def test_touched_ids_are_records_added_or_changed_and_the_ends_of_new_ties():
    from mapper.diff import changed_records, touched_ids
    from mapper.model import Person

    old = load_map(ROOT / "examples" / "small.yaml")
    meeting = old.meetings[0]
    new = old.with_sections(
        people=(*old.people, Person(id="newcomer", level="family")),
        meetings=(meeting.model_copy(update={"members": (*meeting.members, "newcomer")}),)
        + old.meetings[1:],
        relationships=(
            *old.relationships,
            {"from": old.organisations[0].id, "to": old.organisations[3].id, "kind": "funding"},
        ),
    )
    assert touched_ids(old, new) == {
        "newcomer",
        meeting.id,
        old.organisations[0].id,
        old.organisations[3].id,
    }
    assert changed_records(old, new)["meetings"] == [meeting.id]
    moved = old.placed({"people": {old.people[0].id: (5.0, 5.0)}})
    assert touched_ids(old, moved) == set()  # a node dragged is not a change of the record


def test_the_summary_of_changes_counts_in_words():
    from mapper.render.changes import record_rows, summary_line

    old = load_map(ROOT / "examples" / "small.yaml")
    assert summary_line(old, old, compare(old, old)) == "No change."
    new = old.with_sections(relationships=old.relationships[1:])
    found = compare(old, new)
    assert summary_line(old, new, found).startswith("1 relationship removed; ")
    tie = old.relationships[0]
    ends = [old.organisation_by_id[e].label for e in (tie.source, tie.target)]
    assert record_rows(old, new, found) == [
        {"what": "relationship", "name": " – ".join(ends), "change": "removed"}
    ]
