"""Synthetic but realistic maps for the benchmarks: `python benchmarks/generate.py county`.

Organisations sit in localities and sectors; most people attend few meetings and a few attend
very many (heavy-tailed); practitioner and operational meetings draw mostly on their own
locality, strategic boards across sectors; meetings report up a tree to a Health and Wellbeing
Board. The text is written directly (one record a line, as people write small maps by hand) so
that generating a national map takes seconds. Seeded: the same size always gives the same map.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SIZES = {  # organisations, people, meetings
    "county": (150, 2_000, 500),
    "county240": (240, 2_000, 370),  # the county of issue 12's speed targets
    "large": (300, 5_000, 1_000),
    "national": (5_000, 65_000, 17_000),
}
SECTORS = [
    ("local_authority", 15),
    ("health", 15),
    ("education", 35),
    ("vcfs", 22),
    ("police", 3),
    ("housing", 4),
    ("families", 4),
    ("other", 2),
]
LEVEL_SHARE = [("strategic", 0.08), ("operational", 0.22), ("practitioner", 0.65), ("family", 0.05)]
MEETING_SHARE = [("strategic", 0.15), ("operational", 0.35), ("practitioner", 0.50)]
FREQUENCIES = ["weekly", "fortnightly", "monthly", "six_weekly", "bimonthly", "quarterly"]


def generate(size: str, seed: int = 2026) -> str:
    n_orgs, n_people, n_meetings = SIZES[size]
    rng = random.Random(seed)
    localities = max(3, n_orgs // 15)
    sectors = rng.choices([s for s, _ in SECTORS], [w for _, w in SECTORS], k=n_orgs)
    org_locality = [rng.randrange(localities) for _ in range(n_orgs)]
    lines = [
        "version: 1",
        f"name: Synthetic {size} partnership",
        "outcomes:",
        *(f"  - {{id: outcome-{i}, name: Shared outcome {i}}}" for i in range(8)),
        "organisations:",
    ]
    lines += [
        f"  - {{id: org-{i}, name: Organisation {i}, sector: {sectors[i]}}}" for i in range(n_orgs)
    ]
    # People per organisation are heavy-tailed: a few large employers, many small groups.
    sizes = [rng.paretovariate(1.3) for _ in range(n_orgs)]
    total = sum(sizes)
    home = rng.choices(range(n_orgs), [s / total for s in sizes], k=n_people)
    levels = rng.choices([lv for lv, _ in LEVEL_SHARE], [w for _, w in LEVEL_SHARE], k=n_people)
    by_place: dict[tuple[int, str], list[int]] = {}
    activity = [rng.paretovariate(1.6) for _ in range(n_people)]  # who gets invited often
    lines.append("people:")
    for i in range(n_people):
        org = f", organisation: org-{home[i]}" if levels[i] != "family" or i % 2 else ""
        lines.append(f"  - {{id: p-{i}, name: Person {i}{org}, level: {levels[i]}}}")
        level = "operational" if levels[i] == "family" else levels[i]
        by_place.setdefault((org_locality[home[i]], level), []).append(i)
        by_place.setdefault((-1, level), []).append(i)
    kinds = rng.choices(
        [lv for lv, _ in MEETING_SHARE], [w for _, w in MEETING_SHARE], k=n_meetings
    )
    parents: dict[str, list[int]] = {"strategic": [], "operational": []}
    lines.append("meetings:")
    for m in range(n_meetings):
        level = kinds[m]
        place = -1 if level == "strategic" else rng.randrange(localities)
        pool = by_place.get((place, level)) or by_place[(-1, level)]
        wider = by_place[(-1, level)]
        size = min(len(pool), max(3, int(rng.lognormvariate(2.2, 0.5))))
        chosen = set(rng.choices(pool, [activity[p] for p in pool], k=size))
        chosen |= set(rng.choices(wider, k=max(1, size // 4)))  # some come from elsewhere
        attendees = [f"p-{p}" for p in sorted(chosen)]
        if level == "strategic" and m == 0:
            parent = None  # the Health and Wellbeing Board
        elif level == "strategic":
            parent = 0 if rng.random() < 0.9 else None
        else:
            above = parents["strategic" if level == "operational" else "operational"]
            parent = rng.choice(above) if above and rng.random() < 0.95 else None
        if level != "practitioner":
            parents[level].append(m)
        lines += [
            f"  - id: m-{m}",
            f"    name: Meeting {m}",
            f"    level: {level}",
            f"    frequency: {rng.choice(FREQUENCIES)}",
            f"    duration_minutes: {rng.choice([60, 90, 120])}",
            f"    chairs: [{attendees[0]}]",
            f"    members: [{', '.join(attendees[1:])}]",
        ]
        if parent is not None:
            lines.append(f"    reports_to: m-{parent}")
        if rng.random() < 0.3:
            lines.append(f"    outcomes: [outcome-{rng.randrange(8)}]")
    lines.append("relationships:")
    listed = set()
    for _ in range(n_orgs * 2):
        a, b = rng.sample(range(n_orgs), 2)
        if (min(a, b), max(a, b)) in listed:  # a tie is listed once (the loader refuses twice)
            continue
        listed.add((min(a, b), max(a, b)))
        lines.append(f"  - {{from: org-{a}, to: org-{b}, kind: informal, depth: coordinate}}")
    return "\n".join(lines) + "\n"


def path_for(size: str) -> Path:
    return Path(__file__).resolve().parent / "out" / f"{size}.yaml"


def ensure(size: str) -> Path:
    """The generated file for `size`, written once and reused (benchmarks/out is not kept)."""
    path = path_for(size)
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(generate(size), encoding="utf-8")
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or list(SIZES):
        print(ensure(name))
