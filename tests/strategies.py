"""Hypothesis strategies that build valid maps of any shape, for the property tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from mapper.integrity import DIRECTED_KINDS
from mapper.model import (
    FREQUENCY_WORDS,
    NEWER_FIELDS,
    Board,
    Depth,
    Level,
    MeetingLevel,
    Partnership,
    PartnershipType,
    Rating,
    RelationshipKind,
    Role,
    Sector,
    Stance,
    allowed_values,
    version_needed,
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
    st.sampled_from([w for w in FREQUENCY_WORDS if w != "once"]),
    st.integers(1, 366),
    st.floats(0.25, 366, allow_nan=False).map(lambda f: round(f, 2)).filter(lambda f: f > 0),
)


_NEWER_WORDS = {word for field in NEWER_FIELDS for word in field.since.values}


def _words(literal: Any, newer: bool = True) -> st.SearchStrategy[str]:
    """A word of `literal`; of those version 1 knew, unless `newer`."""
    return st.sampled_from([w for w in allowed_values(literal) if newer or w not in _NEWER_WORDS])


@st.composite
def partnerships(draw: st.DrawFn, max_people: int = 12) -> Partnership:
    """A valid map: unique ids across sections, every reference to a declared record."""
    unique = draw(st.lists(ids, min_size=4, max_size=4 + 3 * max_people, unique=True))
    # Half the maps use what version 2 of the format added, half keep to version 1.
    newer = draw(st.booleans())
    locality_ids = draw(
        st.lists(ids.filter(lambda x: x not in unique), unique=True, max_size=2 if newer else 0)
    )
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

    def locality() -> str | None:
        return maybe(st.sampled_from(locality_ids)) if locality_ids else None

    def words(literal: Any) -> str:
        return draw(_words(literal, newer))

    def newly(strategy: st.SearchStrategy[Any], otherwise: Any) -> Any:
        return draw(strategy) if newer else otherwise

    dates = st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31))

    def stakeholder() -> dict[str, Any]:
        """Influence, interest and stance, each recorded or not (version 2)."""
        ratings = st.sampled_from((None, *allowed_values(Rating)))
        return {
            "influence": newly(ratings, None),
            "interest": newly(ratings, None),
            "stance": newly(st.sampled_from((None, *allowed_values(Stance))), None),
        }

    organisations = [
        {
            "id": o,
            "name": maybe(names),
            "sector": words(Sector),
            # Only an earlier organisation as parent: part_of never loops.
            "part_of": maybe(st.sampled_from(org_ids[:i])) if i else None,
            "locality": locality(),
            "strategic_only": newly(st.booleans(), False),
            **stakeholder(),
        }
        for i, o in enumerate(org_ids)
    ]
    people = []
    for p in person_ids:
        level = draw(_words(Level))
        others = [x for x in person_ids if x != p]
        vacant = newly(st.booleans(), False)  # a post nobody holds: no name, no leaving
        people.append(
            {
                "id": p,
                "name": None if vacant else maybe(names),
                "level": level,
                "organisation": maybe(st.sampled_from(org_ids))
                if level == "family"
                else draw(st.sampled_from(org_ids)),
                "title": maybe(names),
                "roles": draw(st.lists(_words(Role), unique=True, max_size=2)),
                "deputy": maybe(st.sampled_from(others)) if others else None,
                "leaving": None if vacant else maybe(dates),
                "vacant": vacant,
                "locality": locality(),
                **stakeholder(),
            }
        )
    meetings = []
    for m in meeting_ids:
        rotates = newly(st.lists(st.sampled_from(org_ids), unique=True, max_size=3), [])
        chairs = draw(
            st.lists(
                st.sampled_from(person_ids), min_size=0 if rotates else 1, max_size=2, unique=True
            )
        )
        vice = maybe(st.sampled_from(person_ids))
        vice = vice if vice not in chairs else None
        members = draw(st.lists(st.sampled_from(person_ids), unique=True, max_size=6))
        attending = sorted({*chairs, *members, *([vice] if vice else [])})
        starts, ends = newly(st.none() | dates, None), newly(st.none() | dates, None)
        if starts and ends and starts > ends:
            starts, ends = ends, starts
        meetings.append(
            {
                "id": m,
                "name": maybe(names),
                "level": draw(_words(MeetingLevel)),
                "frequency": draw(frequencies | st.just("once")) if newer else draw(frequencies),
                "duration_minutes": draw(st.integers(1, 1440)),
                "chair_rotates": rotates,
                "chairs": chairs,
                "vice_chair": vice,
                "members": members,
                "non_voting": newly(st.lists(st.sampled_from(attending), unique=True), [])
                if attending
                else [],
                # one meeting as version 1 wrote it, or (version 2) a list of them
                "reports_to": draw(
                    st.one_of(
                        st.none(),
                        st.sampled_from(meeting_ids),
                        st.lists(
                            st.sampled_from(meeting_ids), unique=True, max_size=3 if newer else 1
                        ),
                    )
                ),
                "informs": newly(
                    st.lists(st.sampled_from([x for x in meeting_ids if x != m]), unique=True),
                    [],
                )
                if len(meeting_ids) > 1
                else [],
                "external": newly(st.booleans(), False),
                "board": newly(st.sampled_from(allowed_values(Board)), None),
                "membership": newly(st.sampled_from((None, "complete", "partial")), None),
                "locality": locality(),
                "starts": starts,
                "ends": ends,
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
    data = {
        "version": 1,
        "name": draw(names),
        "type": newly(st.none() | _words(PartnershipType), None),
        "settings": settings,
        "assessment": assessment,
        "localities": [{"id": x, "name": maybe(names)} for x in locality_ids],
        "outcomes": [{"id": o, "name": maybe(names)} for o in outcome_ids],
        "organisations": organisations,
        "people": people,
        "meetings": meetings,
        "relationships": relationships,
    }
    # Fields left at their defaults are left out, as a person writes a map; the version is
    # the first that holds the rest, so maps of version 1 are drawn as often as before.
    data = {k: v for k, v in data.items() if v is not None}
    for section in ("organisations", "people", "meetings"):
        data[section] = [
            {
                k: v
                for k, v in record.items()
                if k == "chairs" or not (v is None or v is False or v == [])
            }
            for record in data[section]
        ]
    if data.get("type") == "family_hubs":  # a map saved or exported leaves its default out
        del data["type"]
    data["version"] = version_needed(data)
    return Partnership.model_validate(data)
