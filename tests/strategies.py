"""Hypothesis strategies that build valid maps of any shape, for the property tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from mapper.integrity import DIRECTED_KINDS
from mapper.model import (
    FREQUENCY_WORDS,
    Depth,
    Level,
    MeetingLevel,
    Partnership,
    RelationshipKind,
    Role,
    Sector,
    allowed_values,
)
from mapper.questionnaire import ANSWERS, QUESTION_IDS

# Any printable text a person might type, in any script, minus what the model refuses
# (control and format characters: bidi marks, zero-width spaces; surrogates), characters this
# Python's Unicode leaves unassigned (Unicode 15 made some of them format characters, which the
# model refuses already), and blank strings.
_CHARS = st.characters(blacklist_categories=("Cc", "Cf", "Cn", "Cs", "Zl", "Zp"))
names = st.text(_CHARS, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
frequencies = st.one_of(
    st.sampled_from(list(FREQUENCY_WORDS)),
    st.integers(1, 366),
    st.floats(0.25, 366, allow_nan=False).map(lambda f: round(f, 2)).filter(lambda f: f > 0),
)


def _words(literal: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(allowed_values(literal))


@st.composite
def partnerships(draw: st.DrawFn, max_people: int = 12) -> Partnership:
    """A valid map: unique ids across sections, every reference to a declared record."""
    unique = draw(st.lists(ids, min_size=4, max_size=4 + 3 * max_people, unique=True))
    take = iter(unique)
    n_out = draw(st.integers(0, 2))
    n_org = draw(st.integers(1, min(4, len(unique) - n_out - 1)))
    n_people = draw(st.integers(1, max(1, (len(unique) - n_out - n_org) // 2)))
    outcome_ids = [next(take) for _ in range(n_out)]
    org_ids = [next(take) for _ in range(n_org)]
    person_ids = [next(take) for _ in range(n_people)]
    meeting_ids = list(take)

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(st.one_of(st.none(), strategy))

    organisations = [
        {
            "id": o,
            "name": maybe(names),
            "sector": draw(_words(Sector)),
            # Only an earlier organisation as parent: part_of never loops.
            "part_of": maybe(st.sampled_from(org_ids[:i])) if i else None,
        }
        for i, o in enumerate(org_ids)
    ]
    people = []
    for p in person_ids:
        level = draw(_words(Level))
        others = [x for x in person_ids if x != p]
        people.append(
            {
                "id": p,
                "name": maybe(names),
                "level": level,
                "organisation": maybe(st.sampled_from(org_ids))
                if level == "family"
                else draw(st.sampled_from(org_ids)),
                "title": maybe(names),
                "roles": draw(st.lists(_words(Role), unique=True, max_size=2)),
                "deputy": maybe(st.sampled_from(others)) if others else None,
                "leaving": maybe(st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31))),
            }
        )
    meetings = []
    for m in meeting_ids:
        chairs = draw(st.lists(st.sampled_from(person_ids), min_size=1, max_size=2, unique=True))
        vice = maybe(st.sampled_from(person_ids))
        meetings.append(
            {
                "id": m,
                "name": maybe(names),
                "level": draw(_words(MeetingLevel)),
                "frequency": draw(frequencies),
                "duration_minutes": draw(st.integers(1, 1440)),
                "chairs": chairs,
                "vice_chair": vice if vice not in chairs else None,
                "members": draw(st.lists(st.sampled_from(person_ids), unique=True, max_size=6)),
                "reports_to": maybe(st.sampled_from(meeting_ids)),
                "outcomes": draw(st.lists(st.sampled_from(outcome_ids), unique=True))
                if outcome_ids
                else [],
                "revisits_purpose": maybe(frequencies),
                "purpose": maybe(
                    st.text(_CHARS | st.sampled_from("\n\t"), min_size=1, max_size=60).filter(
                        lambda s: s.strip() != ""
                    )
                ),
            }
        )
    ends = org_ids + person_ids
    relationships, listed = [], set()
    for a, b in draw(
        st.lists(
            st.tuples(st.sampled_from(ends), st.sampled_from(ends)).filter(lambda t: t[0] != t[1]),
            max_size=4,
        )
    ):
        kind = draw(_words(RelationshipKind))
        key = (kind, a, b) if kind in DIRECTED_KINDS else (kind, *sorted((a, b)))
        if key not in listed:  # a tie listed twice is refused
            listed.add(key)
            relationships.append({"from": a, "to": b, "kind": kind, "depth": maybe(_words(Depth))})
    settings = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "duplicate_similarity": st.floats(0.05, 1).map(lambda f: round(f, 2)),
                "chair_limit": st.integers(2, 9),
                "load_hours_per_month": st.integers(1, 200),
            },
        )
    )
    assessment = {
        question: {"answer": draw(st.sampled_from(ANSWERS)), "note": maybe(names)}
        for question in draw(st.lists(st.sampled_from(QUESTION_IDS), unique=True, max_size=4))
    }
    return Partnership.model_validate(
        {
            "version": 1,
            "name": draw(names),
            "settings": settings,
            "assessment": assessment,
            "outcomes": [{"id": o, "name": maybe(names)} for o in outcome_ids],
            "organisations": organisations,
            "people": people,
            "meetings": meetings,
            "relationships": relationships,
        }
    )
