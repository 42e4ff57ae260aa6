"""links_between_meetings: the people who carry a link between two meetings (on one line, or
of separate structures) that at most three people join; each rule with its near miss."""

from __future__ import annotations

from hypothesis import given, settings

from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings.meeting_links import FEW
from tests.conftest import tiny_map
from tests.strategies import partnerships

ORGS = {"council": "local_authority", "nhs": "health", "vcs": "vcfs", "school": "education"}
PEOPLE = {
    "chair": ("council", "operational"),
    "m1": ("nhs", "operational"),
    "m2": ("vcs", "operational"),
    "m3": ("school", "operational"),
    "b1": ("nhs", "strategic"),
    "b2": ("vcs", "strategic"),
}


def links(**extra: object) -> list[dict]:
    meetings = extra.pop("meetings", None) or {
        "board": ("strategic", ["b1", "b2", "chair"]),
        "north": ("operational", ["chair", "m1", "m2"]),
    }
    found = diagnose(Analysis(tiny_map(ORGS, PEOPLE, meetings, version=2, **extra))).of_kind(
        "links_between_meetings"
    )
    assert len(found) <= 1
    return found[0].evidence["links"] if found else []


def test_a_locality_chair_on_the_board_carries_the_line_between_them():
    found = links(north={"reports_to": "board"})
    assert found == [{"meetings": ["north", "board"], "people": ["chair"], "line": "reports_to"}]
    assert links(north={"informs": ["board"]})[0]["line"] == "informs"


def test_a_line_that_more_than_few_people_join_is_the_meetings_overlap():
    both = ["chair", "m1", "m2", "m3"]
    assert len(both) == FEW + 1
    meetings = {
        "board": ("strategic", [*both, "b1"]),
        "north": ("operational", both),
    }
    assert links(meetings=meetings, north={"reports_to": "board"}) == []
    # near miss: one of them leaves the board, and the three left carry the line
    meetings["board"] = ("strategic", ["chair", "m1", "m2", "b1"])
    assert links(meetings=meetings, north={"reports_to": "board"})[0]["people"] == [
        "chair",
        "m1",
        "m2",
    ]


def test_a_vacant_post_carries_no_link():
    people = {**PEOPLE, "post": ("council", "operational")}
    meetings = {
        "board": ("strategic", ["b1", "post"]),
        "north": ("operational", ["post", "m1"]),
    }
    found = diagnose(
        Analysis(
            tiny_map(
                ORGS,
                people,
                meetings,
                version=2,
                north={"reports_to": "board"},
                post={"vacant": True},
            )
        )
    ).of_kind("links_between_meetings")
    assert found == []


def test_two_groups_of_one_structure_sharing_a_manager_are_not_a_link():
    meetings = {
        "board": ("strategic", ["b1", "b2"]),
        "north": ("operational", ["chair", "m1"]),
        "south": ("operational", ["chair", "m2"]),
    }
    below = {"reports_to": "board"}
    assert links(meetings=meetings, north=below, south=below) == []
    # near miss: south reports to a board of its own (another structure), and the manager
    # is the one bridge between the parallel groups
    meetings["hscp"] = ("strategic", ["m3"])
    found = links(meetings=meetings, north=below, south={"reports_to": "hscp"})
    assert found == [
        {"meetings": ["north", "south"], "people": ["chair"], "line": "separate_structures"}
    ]


def test_two_external_boards_link_each_other_not_the_partnership():
    meetings = {
        "hwb": ("strategic", ["b1", "chair"]),
        "lscp": ("strategic", ["b1", "m1"]),
    }
    external = {"external": True}
    assert links(meetings=meetings, hwb=external, lscp=external) == []
    # near miss: one of them the partnership's own
    assert links(meetings=meetings, hwb=external)[0]["people"] == ["b1"]


def test_a_one_off_event_links_nothing():
    once = {"reports_to": "board", "frequency": "once"}
    assert links(north=once) == []


def test_the_people_carrying_most_come_first():
    meetings = {
        "board": ("strategic", ["b1", "b2", "chair", "m1"]),
        "north": ("operational", ["chair", "m1"]),  # chair and m1: half each
        "south": ("operational", ["chair", "m3"]),  # chair alone
    }
    below = {"reports_to": "board"}
    found = diagnose(
        Analysis(tiny_map(ORGS, PEOPLE, meetings, version=2, north=below, south=below))
    ).of_kind("links_between_meetings")
    assert found[0].subjects == ("chair", "m1")
    assert found[0].severity == "info"
    assert found[0].title.startswith("2 people carry the links between meetings")


def _brute_force(p) -> set[tuple[frozenset[str], tuple[str, ...], str]]:
    """Every link of the definition, from every two meetings and networkx's components."""
    import itertools

    import networkx as nx

    analysis = Analysis(p)
    structures = nx.Graph()
    structures.add_nodes_from(m.id for m in p.meetings)
    lines: dict[frozenset[str], str] = {}
    for m in p.meetings:
        for other in (*m.reports_to, *m.informs):
            structures.add_edge(m.id, other)
        for other in m.informs:
            lines.setdefault(frozenset((m.id, other)), "informs")
    for m in p.meetings:
        for other in m.reports_to:
            lines[frozenset((m.id, other))] = "reports_to"
    part = {m: i for i, c in enumerate(nx.connected_components(structures)) for m in c}
    found = set()
    standing = [m for m in p.meetings if m.id in analysis.standing]
    for a, b in itertools.combinations(standing, 2):
        both = tuple(sorted(x for x in a.attendees & b.attendees if not p.person_by_id[x].vacant))
        if not both or len(both) > FEW or (a.external and b.external):
            continue
        pair = frozenset((a.id, b.id))
        if pair in lines:
            found.add((pair, both, lines[pair]))
        elif part[a.id] != part[b.id]:
            found.add((pair, both, "separate_structures"))
    return found


@settings(max_examples=300)
@given(partnerships())
def test_the_links_are_exactly_those_of_the_definition(p):
    found = diagnose(Analysis(p)).of_kind("links_between_meetings")
    assert len(found) <= 1
    links = found[0].evidence["links"] if found else []
    assert {(frozenset(x["meetings"]), tuple(x["people"]), x["line"]) for x in links} == (
        _brute_force(p)
    )
    if found:  # every person named carries a link, and only they
        assert set(found[0].subjects) == {q for x in links for q in x["people"]}
        for x in links:
            if x["line"] != "separate_structures":
                lower = p.meeting_by_id[x["meetings"][0]]
                assert x["meetings"][1] in (*lower.reports_to, *lower.informs)
