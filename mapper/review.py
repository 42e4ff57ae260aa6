"""A review over time: what changed in the problems and the headline figures since the last
snapshot of a partnership, and the figures of every snapshot for a trend.

`review(snapshots)` takes the snapshots oldest first, the newest last. Its problems compare the
newest with the one before it:

- a **problem** is a finding that is not `info` (strengths and notes are not problems, as the
  action plan leaves them out);
- **resolved**: a problem of the previous snapshot not found in the newest;
- **new**: a problem of the newest not found in the previous one;
- **still open**: found in both, with the severity it had before when that changed;
- **set aside**: a problem of the newest the partnership set aside (its decisions in the
  newest map), whether it is new or not; never counted as open.

Two findings are the same problem when `mapper.changes` says they are the same finding (one
comparison for the review, diff and what-if): their kind and their subjects as a set, a
finding about the whole system by the words of its evidence, not its numbers; a record whose
id changed followed by its name; a list of subjects that grew or shrank paired with the
finding it continues. So a change of evidence (two more hours, a share that moved) leaves a
problem the same one.

The snapshots are diagnosed with the newest map's settings and date (`review_maps`), as a diff
is, so a problem does not come and go because a threshold changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapper.analysis import Analysis
from mapper.changes import match_key, matched, renamed_ids
from mapper.diagnosis import Diagnosis, diagnose
from mapper.findings import Finding, Settings
from mapper.headlines import Headlines, headlines
from mapper.model import Partnership

__all__ = [
    "Snapshot",
    "StillOpen",
    "Review",
    "review",
    "review_maps",
    "file_snapshots",
    "map_words",
    "named_date",
]


@dataclass(frozen=True)
class Snapshot:
    """One map of the partnership at a point in time: its diagnosis, the date it was taken
    (the map file's date; None when not known, the snapshot is then known by its place in the
    series) and a name for it (a file name)."""

    diagnosis: Diagnosis
    taken: dt.date | None = None
    name: str = ""

    @property
    def headlines(self) -> Headlines:
        return headlines(self.diagnosis)


@dataclass(frozen=True)
class StillOpen:
    """A problem found in both snapshots, in the newest's words, with its severity before."""

    finding: Finding
    was: str

    @property
    def severity_changed(self) -> bool:
        return self.was != self.finding.severity


@dataclass(frozen=True)
class Review:
    """The problems resolved, new, still open and set aside since the previous snapshot (each
    in the order of its diagnosis, most severe first) and every snapshot's headline figures."""

    snapshots: tuple[Snapshot, ...]
    resolved: tuple[Finding, ...]  # in the words of the previous snapshot
    new: tuple[Finding, ...]
    still_open: tuple[StillOpen, ...]
    set_aside: tuple[Finding, ...]

    @property
    def figures(self) -> tuple[Headlines, ...]:
        """The headline figures of each snapshot, oldest first."""
        return tuple(s.headlines for s in self.snapshots)

    def to_dict(self) -> dict[str, Any]:
        """The review for other programs: each snapshot with its figures, and the problems."""
        return {
            "snapshots": [
                {
                    "name": s.name,
                    "taken": s.taken.isoformat() if s.taken else None,
                    "headlines": dataclasses.asdict(s.headlines),
                }
                for s in self.snapshots
            ],
            "resolved": [f.to_dict() for f in self.resolved],
            "new": [f.to_dict() for f in self.new],
            "still_open": [{**s.finding.to_dict(), "was": s.was} for s in self.still_open],
            "set_aside": [f.to_dict() for f in self.set_aside],
        }

    @property
    def previous(self) -> Snapshot:
        return self.snapshots[-2]

    @property
    def newest(self) -> Snapshot:
        return self.snapshots[-1]


def _problems(diagnosis: Diagnosis) -> list[Finding]:
    return [f for f in diagnosis.findings if f.severity != "info"]


def review(snapshots: Sequence[Snapshot]) -> Review:
    """The review of the newest snapshot against the one before it, with the headline figures
    of them all; at least two snapshots, oldest first."""
    if len(snapshots) < 2:
        raise ValueError("a review needs at least two snapshots, oldest first")
    previous, newest = snapshots[-2].diagnosis, snapshots[-1].diagnosis
    renamed = renamed_ids(previous.analysis.partnership, newest.analysis.partnership)
    before, now = matched(_problems(previous), _problems(newest), renamed)
    aside = {match_key(f) for f, _ in newest.set_aside}
    return Review(
        tuple(snapshots),
        resolved=tuple(f for key, f in before.items() if key not in now),
        new=tuple(f for key, f in now.items() if key not in before and key not in aside),
        still_open=tuple(
            StillOpen(f, before[key].severity)
            for key, f in now.items()
            if key in before and key not in aside
        ),
        set_aside=tuple(f for key, f in now.items() if key in aside),
    )


def review_maps(
    maps: Sequence[Partnership | Analysis],
    taken: Sequence[dt.date | None] = (),
    names: Sequence[str] = (),
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> Review:
    """The review of `maps`, oldest first, each diagnosed with the newest map's settings (or
    `settings`) and the same `today`; `taken` and `names` give each map's date and name."""
    newest = Analysis.of(maps[-1], settings, today)
    analyses = [Analysis.of(m, newest.settings, newest.today) for m in maps[:-1]] + [newest]
    return review(
        [
            Snapshot(
                diagnose(analysis),
                taken[i] if i < len(taken) else None,
                names[i] if i < len(names) else "",
            )
            for i, analysis in enumerate(analyses)
        ]
    )


#: A date in a file's name: 2026-06 or 2026-06-30, not inside a longer number.
_NAMED_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")


def named_date(stem: str) -> tuple[dt.date | None, bool]:
    """The date a file's name gives ("2026-06 review": 1 June 2026), and whether it gives the
    day too."""
    for found in _NAMED_DATE.finditer(stem):
        year, month, day = int(found[1]), int(found[2]), int(found[3] or 1)
        try:
            return dt.date(year, month, day), found[3] is not None
        except ValueError:
            continue
    return None, False


def map_words(file_name: str) -> tuple[str, dt.date | None]:
    """A map file in a review's words: its name without the ending, in quotes ("“2026-06
    review”": the reader's words, not a file on a page of the report), and the day its name
    gives, when it gives a whole date."""
    stem = Path(file_name).stem
    named, whole = named_date(stem)
    return f"\u201c{stem}\u201d", named if whole else None


def file_snapshots(earlier: Sequence[Path], newest: Path) -> list[tuple[Path, dt.date]]:
    """The map files of a review, oldest first and `newest` last, each with its date.

    A map records no date of its own. A date in the file's name ("2026-06 review",
    "map 2026-06-30") orders it, since copying a file changes its last-change date but not
    its name; the date shown is the name's when it gives the day, else the file's last
    change. The earlier files may be given in any order: they are sorted by those dates,
    those of one date kept in the order given."""

    def dated(path: Path) -> tuple[dt.date, dt.date]:
        changed = dt.date.fromtimestamp(path.stat().st_mtime)
        day = map_words(path.name)[1]
        return (named_date(path.stem)[0] or changed), (day or changed)

    order = {path: dated(path) for path in [*earlier, newest]}
    ordered = sorted(earlier, key=lambda path: order[path][0])
    return [(path, order[path][1]) for path in [*ordered, newest]]
