"""Write examples/county.yaml: an invented county Best Start partnership with planted problems.

Run `python examples/build_county.py` after changing it; tests/test_examples.py checks that the
committed YAML is what this script writes. Every name is invented. The structure is written out
here on purpose so a reader can see which problem was planted where (see PLANTED).
"""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapper.model import Partnership  # noqa: E402
from mapper.save import dump_map  # noqa: E402

PLANTED = """\
Problems planted for the diagnosis to find (see docs/format.md and DOMAIN.md):
- Harrowdale Constabulary and Harrowdale Homes sit on the Best Start Partnership Board, but none
  of their people attends an operational meeting: leaders meet, their managers never do.
- The Early Help Partnership Group and the Family Support Steering Group have almost the same
  members, report to the same board and hold the same outcomes. The Family Hubs Programme Board
  and the Start for Life Steering Group overlap heavily too.
- Two faith organisations reach the rest of the system only through Siân Pritchard (Harrowdale
  CVS), who chairs the Faith and Community Forum: a single point of failure.
- Margaret Osei, Director of Children's Services and single accountable leader, chairs four
  strategic meetings, has no deputy and leaves on 2027-06-30.
- Every strategic meeting but one is chaired from the council; the Best Start Partnership Board
  has a single chair and no family representative.
- The Domestic Abuse Partnership Board reports to nothing; the Children's Trust Board and the
  Data and Insight Group report to each other (a cycle).
- No one is named as data lead; the outcome "Young people feel heard" is held by no meeting.
- Tom Whitfield (Head of Early Help) sits in more meetings than anyone could attend.
- Harrowdale Fire and Rescue is on the map but in no meeting at all.
"""

RNG = random.Random(2026)
FIRST = [
    "Aisha",
    "Ben",
    "Chloé",
    "Dev",
    "Ella",
    "Farah",
    "Gareth",
    "Hannah",
    "Imran",
    "Jess",
    "Kwame",
    "Laura",
    "Mohammed",
    "Niamh",
    "Owen",
    "Priya",
    "Rhys",
    "Sofia",
    "Tariq",
    "Una",
    "Victor",
    "Wendy",
    "Yusuf",
    "Zoë",
    "Aoife",
    "Bartłomiej",
    "Carys",
    "Dóra",
    "Emeka",
    "Fatima",
    "Grace",
    "Hamza",
    "Isla",
    "Jamal",
    "Keira",
    "Łukasz",
    "Megan",
    "Nuala",
    "Oluwaseun",
    "Paul",
    "Rosa",
    "Sean",
    "Tomasz",
    "Leila",
    "Callum",
    "Maya",
]
LAST = [
    "Ahmed",
    "Bennett",
    "Clarke",
    "Das",
    "Edwards",
    "Fraser",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Parry",
    "Quinn",
    "Robinson",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walsh",
    "Young",
    "Zielińska",
    "Adeyemi",
    "Byrne",
    "Chowdhury",
    "Doyle",
    "Evans",
    "Foster",
    "Gill",
    "Harris",
    "Jenkins",
    "Khan",
    "Lloyd",
]

LOCALITIES = ("ashby", "millford", "riverside")


def slug(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("'", "")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).lower().split())


class County:
    """Collects records while the county is described, then validates them as one map."""

    def __init__(self) -> None:
        self.organisations: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.meetings: list[dict[str, Any]] = []
        self.relationships: list[dict[str, Any]] = []
        self.staff: dict[tuple[str, str], list[str]] = {}  # (organisation, level) -> ids
        self.locality: dict[str, str | None] = {}
        self.used: set[str] = set()

    def org(
        self,
        ident: str,
        name: str,
        sector: str,
        *,
        part_of: str | None = None,
        locality: str | None = None,
        staff: tuple[int, int, int] = (0, 0, 0),
    ) -> str:
        record: dict[str, Any] = {"id": ident, "name": name, "sector": sector}
        if part_of:
            record["part_of"] = part_of
        self.organisations.append(record)
        self.locality[ident] = locality
        for level, count in zip(("strategic", "operational", "practitioner"), staff, strict=True):
            for _ in range(count):
                self.person(ident, level, _title(sector, level))
        return ident

    def person(
        self,
        org: str | None,
        level: str,
        title: str | None = None,
        name: str | None = None,
        **extra: Any,
    ) -> str:
        if name is None:
            name = f"{RNG.choice(FIRST)} {RNG.choice(LAST)}"
            while slug(name) in self.used:
                name = f"{RNG.choice(FIRST)} {RNG.choice(LAST)}"
        ident = slug(name)
        assert ident not in self.used, ident
        self.used.add(ident)
        record: dict[str, Any] = {"id": ident, "name": name}
        if org:
            record["organisation"] = org
        if title:
            record["title"] = title
        record["level"] = level
        record.update({k: v for k, v in extra.items() if v})
        self.people.append(record)
        self.staff.setdefault((org or "", level), []).append(ident)
        return ident

    def of(self, org: str, level: str, count: int | None = None) -> list[str]:
        pool = self.staff.get((org, level), [])
        return list(pool) if count is None else pool[:count]

    def meeting(
        self,
        ident: str,
        name: str,
        level: str,
        frequency: Any,
        minutes: int,
        chairs: list[str],
        members: list[str],
        **extra: Any,
    ) -> str:
        members = [
            m for m in dict.fromkeys(members) if m not in chairs and m != extra.get("vice_chair")
        ]
        record: dict[str, Any] = {
            "id": ident,
            "name": name,
            "level": level,
            "frequency": frequency,
            "duration_minutes": minutes,
            "chairs": chairs,
        }
        record.update({k: v for k, v in extra.items() if v})
        record["members"] = members
        self.meetings.append(record)
        return ident

    def tie(self, source: str, target: str, kind: str, depth: str) -> None:
        self.relationships.append({"from": source, "to": target, "kind": kind, "depth": depth})


def _title(sector: str, level: str) -> str:
    titles = {
        ("education", "strategic"): "Headteacher",
        ("education", "operational"): "Deputy Headteacher",
        ("education", "practitioner"): RNG.choice(
            ["Family Support Worker", "SENCo", "Early Years Teacher", "Learning Mentor"]
        ),
        ("health", "strategic"): "Director",
        ("health", "operational"): RNG.choice(
            [
                "Health Visiting Team Lead",
                "Service Manager",
                "Midwifery Matron",
                "CAMHS Team Manager",
            ]
        ),
        ("health", "practitioner"): RNG.choice(
            [
                "Health Visitor",
                "Community Midwife",
                "School Nurse",
                "Nursery Nurse",
                "Mental Health Practitioner",
            ]
        ),
        ("vcfs", "strategic"): "Chief Executive",
        ("vcfs", "operational"): "Services Manager",
        ("vcfs", "practitioner"): RNG.choice(
            ["Family Support Volunteer Coordinator", "Youth Worker", "Outreach Worker"]
        ),
    }
    default = {
        "strategic": "Director",
        "operational": "Service Manager",
        "practitioner": RNG.choice(["Early Help Practitioner", "Family Worker", "Caseworker"]),
    }
    return titles.get((sector, level), default[level])


def describe(c: County) -> dict[str, Any]:
    # Organisations: 43, every sector.
    c.org("hcc", "Harrowdale County Council", "local_authority", staff=(1, 2, 0))
    c.org(
        "hcc-social-care",
        "Children's Social Care",
        "local_authority",
        part_of="hcc",
        staff=(1, 3, 12),
    )
    c.org(
        "hcc-early-help",
        "Early Help and Family Hubs",
        "local_authority",
        part_of="hcc",
        staff=(0, 3, 20),
    )
    c.org(
        "hcc-inclusion",
        "Education and Inclusion Service",
        "local_authority",
        part_of="hcc",
        staff=(1, 3, 4),
    )
    c.org(
        "hcc-public-health",
        "Public Health Harrowdale",
        "local_authority",
        part_of="hcc",
        staff=(0, 2, 3),
    )
    for loc, name in (
        ("ashby", "Ashby District Council"),
        ("millford", "Millford Borough Council"),
        ("riverside", "Riverside District Council"),
    ):
        c.org(f"{loc}-council", name, "local_authority", locality=loc, staff=(1, 1, 1))
    c.org("icb", "Harrowdale and Millford Integrated Care Board", "health", staff=(1, 2, 0))
    c.org("community-trust", "Harrowdale Community Health NHS Trust", "health", staff=(1, 5, 26))
    c.org("acute-trust", "Harrowdale Hospitals NHS Trust", "health", staff=(1, 2, 10))
    c.org(
        "mental-health-trust",
        "Harrowdale Mind and Body Partnership NHS Trust",
        "health",
        staff=(1, 2, 8),
    )
    for loc in LOCALITIES:
        c.org(
            f"{loc}-pcn",
            f"{loc.title()} Primary Care Network",
            "health",
            locality=loc,
            staff=(0, 1, 3),
        )
    schools = {
        "ashby": ["Ashby Fields Primary", "St Bede's Catholic Primary", "Ashby Academy"],
        "millford": [
            "Millford Park Primary",
            "Canal Side Infant School",
            "Millford High School",
            "Oakwood Special School",
        ],
        "riverside": [
            "Riverside Primary",
            "Kingfisher Nursery School",
            "Riverside Community College",
        ],
    }
    for loc, names in schools.items():
        for name in names:
            c.org(slug(name), name, "education", locality=loc, staff=(1, 1, 5))
    c.org("harrowdale-fe", "Harrowdale Further Education College", "education", staff=(1, 1, 2))
    c.org("cvs", "Harrowdale Council for Voluntary Service", "vcfs", staff=(0, 2, 2))
    c.org("homestart", "Home-Start Harrowdale", "vcfs", staff=(1, 2, 9))
    c.org("brightpath", "Brightpath Children's Charity", "vcfs", staff=(1, 2, 7))
    c.org("millford-foodbank", "Millford Food Bank", "vcfs", locality="millford", staff=(1, 0, 2))
    # The faith groups are local, but kept out of the locality pools: their only link is planted.
    c.org("ashby-faith", "Ashby Churches Together", "vcfs", staff=(0, 0, 0))
    c.org("al-noor", "Al-Noor Community Trust", "vcfs", staff=(0, 0, 0))
    c.org(
        "riverside-youth", "Riverside Youth Project", "vcfs", locality="riverside", staff=(1, 1, 5)
    )
    c.org("safe-haven", "Safe Haven Domestic Abuse Service", "vcfs", staff=(1, 1, 5))
    c.org("little-steps", "Little Steps Community Nurseries", "vcfs", staff=(1, 1, 6))
    c.org("police", "Harrowdale Constabulary", "police", staff=(0, 1, 5))
    c.org("harrowdale-homes", "Harrowdale Homes", "housing", staff=(0, 1, 3))
    c.org(
        "millford-housing",
        "Millford Housing Trust",
        "housing",
        locality="millford",
        staff=(1, 1, 2),
    )
    c.org("parent-forum", "Harrowdale Parent Carer Forum", "families")
    c.org("youth-council", "Harrowdale Youth Council", "families")
    c.org("dads-network", "Harrowdale Dads' Network", "families")
    c.org("jobcentre", "Harrowdale Jobcentre", "other", locality="riverside", staff=(0, 0, 1))
    c.org("fire", "Harrowdale Fire and Rescue", "other", staff=(0, 1, 0))

    # The people the story is about.
    osei = c.person(
        "hcc",
        "strategic",
        "Director of Children's Services",
        "Margaret Osei",
        roles=["single_accountable_leader"],
        leaving="2027-06-30",
    )
    cllr = c.person("hcc", "strategic", "Lead Member for Children", "Cllr Peter Hargreaves")
    dph = c.person(
        "hcc-public-health",
        "strategic",
        "Director of Public Health",
        "Dr Leila Haddad",
        roles=["senior_sponsor"],
    )
    dph_deputy = c.person(
        "hcc-public-health", "operational", "Consultant in Public Health", "Rebecca Nwosu"
    )
    rahman = c.person("icb", "strategic", "Director of Nursing and Quality", "Dr Nadia Rahman")
    whitfield_deputy = c.person(
        "hcc-early-help", "operational", "Family Hubs Manager", "Jade Morrison"
    )
    whitfield = c.person(
        "hcc-early-help",
        "operational",
        "Head of Early Help",
        "Tom Whitfield",
        roles=["transformation_lead"],
        deputy=whitfield_deputy,
    )
    performance = c.person("hcc", "operational", "Head of Performance", "Ian Kaur")
    pritchard = c.person("cvs", "strategic", "Chief Officer", "Siân Pritchard", roles=["connector"])
    lowe = c.person("police", "strategic", "Superintendent, Partnerships", "Supt Gareth Lowe")
    brooks = c.person("harrowdale-homes", "strategic", "Director of Housing", "Helen Brooks")
    faith = [
        c.person("ashby-faith", "practitioner", "Family Worker (St Mary's)", "Revd Anna Lindqvist"),
        c.person("ashby-faith", "practitioner", "Youth Leader", "Samuel Okoro"),
        c.person("al-noor", "operational", "Community Development Lead", "Bilal Qureshi"),
        c.person("al-noor", "practitioner", "Parent Support Volunteer", "Noor Hassan"),
    ]
    # Family representatives: lived experience, some with a forum, some with none.
    parents = [
        c.person("parent-forum", "family", "Chair, Parent Carer Forum", "Aisha Begum"),
        c.person("parent-forum", "family", "Parent representative", "Kirsty Doyle"),
        c.person("youth-council", "family", "Youth Council member", "Ethan Mensah"),
        c.person("dads-network", "family", "Dads' Network lead", "Marcus Reid"),
        c.person(None, "family", "Parent representative", "Gemma Lowry"),
        c.person(None, "family", "Care-experienced young person", "Ola Adebayo"),
    ]

    def one(org: str, level: str) -> str:
        return c.of(org, level)[0]

    schools_in = {loc: [slug(n) for n in names] for loc, names in schools.items()}
    heads = [one(s, "strategic") for names in schools_in.values() for s in names]

    # Strategic meetings (10).
    c.meeting(
        "hwb",
        "Health and Wellbeing Board",
        "strategic",
        "quarterly",
        150,
        [cllr],
        [
            osei,
            dph,
            one("icb", "strategic"),
            one("community-trust", "strategic"),
            one("acute-trust", "strategic"),
            pritchard,
            lowe,
            *[one(f"{loc}-council", "strategic") for loc in LOCALITIES],
        ],
        revisits_purpose="annual",
        purpose="The county's statutory health and care board",
    )
    c.meeting(
        "best-start-board",
        "Best Start Partnership Board",
        "strategic",
        "six_weekly",
        120,
        [osei],
        [
            dph,
            rahman,
            one("community-trust", "strategic"),
            pritchard,
            lowe,
            brooks,
            whitfield,
            heads[0],
            heads[4],
            one("harrowdale-fe", "strategic"),
            one("homestart", "strategic"),
        ],
        reports_to="hwb",
        revisits_purpose="biannual",
        outcomes=["ready-for-school", "safe-at-home", "healthy-start", "parents-in-work"],
        purpose="Lead the Best Start and family hub programme across the county",
    )
    c.meeting(
        "safeguarding-exec",
        "Harrowdale Safeguarding Children Partnership Executive",
        "strategic",
        "bimonthly",
        120,
        [rahman, lowe],
        [osei, one("hcc-social-care", "strategic"), one("acute-trust", "strategic"), heads[6]],
        vice_chair=dph,
        reports_to="hwb",
        outcomes=["safe-at-home"],
    )
    c.meeting(
        "send-board",
        "SEND Partnership Board",
        "strategic",
        "bimonthly",
        120,
        [osei],
        [
            one("hcc-inclusion", "strategic"),
            rahman,
            one("mental-health-trust", "strategic"),
            heads[6],
            parents[0],
        ],
        reports_to="best-start-board",
    )
    c.meeting(
        "early-years-strategic",
        "Early Years Strategic Group",
        "strategic",
        "quarterly",
        90,
        [osei],
        [dph, one("little-steps", "strategic"), heads[7], one("community-trust", "strategic")],
        reports_to="best-start-board",
        outcomes=["ready-for-school"],
    )
    hub_board = [
        dph,
        rahman,
        whitfield,
        one("community-trust", "strategic"),
        one("homestart", "strategic"),
        pritchard,
        one("little-steps", "strategic"),
    ]
    c.meeting(
        "family-hubs-board",
        "Family Hubs Programme Board",
        "strategic",
        "monthly",
        90,
        [osei],
        [*hub_board, performance],
        reports_to="best-start-board",
        outcomes=["healthy-start", "ready-for-school"],
    )
    c.meeting(
        "start-for-life-steering",
        "Start for Life Steering Group",
        "strategic",
        "monthly",
        90,
        [dph],
        [*hub_board[1:], one("acute-trust", "strategic"), dph_deputy],
        reports_to="best-start-board",
        outcomes=["healthy-start"],
    )
    c.meeting(
        "domestic-abuse-board",
        "Domestic Abuse Partnership Board",
        "strategic",
        "quarterly",
        120,
        [lowe],
        [
            one("safe-haven", "strategic"),
            one("hcc-social-care", "strategic"),
            brooks,
            one("millford-housing", "strategic"),
        ],
        outcomes=["safe-at-home"],
    )
    c.meeting(
        "childrens-trust",
        "Children's Trust Board",
        "strategic",
        "quarterly",
        120,
        [cllr],
        [osei, rahman, one("brightpath", "strategic"), parents[2]],
        reports_to="data-insight",
        outcomes=["parents-in-work"],
    )
    c.meeting(
        "cost-of-living",
        "Cost of Living Partnership",
        "strategic",
        "bimonthly",
        90,
        [one("millford-council", "strategic")],
        [
            one("millford-foodbank", "strategic"),
            one("millford-housing", "strategic"),
            one("jobcentre", "practitioner"),
            one("ashby-council", "strategic"),
        ],
        reports_to="hwb",
        outcomes=["parents-in-work"],
    )

    # Operational meetings (20). Police and Harrowdale Homes staff are never invited.
    ops_pool = {
        loc: [
            p
            for org, level in c.staff
            if level == "operational" and c.locality.get(org) == loc
            for p in c.of(org, level)
        ]
        for loc in LOCALITIES
    }
    county_ops = [
        p
        for org in (
            "community-trust",
            "homestart",
            "brightpath",
            "little-steps",
            "hcc-social-care",
            "hcc-inclusion",
            "mental-health-trust",
        )
        for p in c.of(org, "operational")
    ]
    for loc in LOCALITIES:
        manager = c.person("hcc-early-help", "operational", f"{loc.title()} Family Hub Lead")
        c.meeting(
            f"{loc}-llt",
            f"{loc.title()} Locality Leadership Team",
            "operational",
            "monthly",
            90,
            [manager],
            [whitfield, *ops_pool[loc], *RNG.sample(county_ops, 6)],
            reports_to="best-start-board",
            outcomes=["ready-for-school", "safe-at-home"],
        )
    early_help_core = [
        whitfield_deputy,
        *c.of("community-trust", "operational", 3),
        *c.of("homestart", "operational"),
        *c.of("brightpath", "operational"),
        one("hcc-social-care", "operational"),
        one("hcc-inclusion", "operational"),
        dph_deputy,
    ]
    c.meeting(
        "early-help-partnership",
        "Early Help Partnership Group",
        "operational",
        "monthly",
        120,
        [whitfield],
        early_help_core,
        reports_to="best-start-board",
        outcomes=["safe-at-home", "ready-for-school"],
    )
    c.meeting(
        "family-support-steering",
        "Family Support Steering Group",
        "operational",
        "monthly",
        90,
        [whitfield],
        [*early_help_core[:-1], parents[1]],
        reports_to="best-start-board",
        outcomes=["safe-at-home", "ready-for-school"],
    )
    topics = [
        (
            "start-for-life-ops",
            "Start for Life Operational Group",
            "start-for-life-steering",
            ["community-trust", "acute-trust", "little-steps", "hcc-public-health"],
        ),
        (
            "send-ops",
            "SEND Operational Group",
            "send-board",
            ["hcc-inclusion", "mental-health-trust", "community-trust"],
        ),
        (
            "perinatal-mh",
            "Perinatal Mental Health Pathway Group",
            "start-for-life-steering",
            ["mental-health-trust", "acute-trust", "homestart"],
        ),
        (
            "infant-feeding",
            "Infant Feeding Steering Group",
            "start-for-life-steering",
            ["community-trust", "acute-trust", "hcc-public-health"],
        ),
        (
            "youth-offer",
            "Youth Offer Group",
            "childrens-trust",
            ["riverside-youth", "brightpath", "hcc-early-help"],
        ),
        (
            "parenting-offer",
            "Parenting Offer Group",
            "family-hubs-board",
            ["homestart", "brightpath", "hcc-early-help", "community-trust"],
        ),
        (
            "workforce",
            "Family Hub Workforce Development Group",
            "family-hubs-board",
            ["hcc-early-help", "community-trust", "little-steps"],
        ),
        (
            "parental-conflict",
            "Reducing Parental Conflict Group",
            "family-hubs-board",
            ["hcc-early-help", "safe-haven", "brightpath"],
        ),
        (
            "ey-sufficiency",
            "Early Years Sufficiency Group",
            "early-years-strategic",
            ["hcc-inclusion", "little-steps"],
        ),
        (
            "hv-ey-interface",
            "Health Visiting and Early Years Group",
            "early-years-strategic",
            ["community-trust", "little-steps", "hcc-inclusion"],
        ),
        (
            "comms",
            "Communications and Engagement Group",
            "family-hubs-board",
            ["hcc", "community-trust", "cvs"],
        ),
        (
            "panel-chairs",
            "Early Help Panel Chairs Group",
            "early-help-partnership",
            ["hcc-early-help", "hcc-social-care"],
        ),
    ]
    for ident, name, parent, orgs in topics:
        staff = [p for org in orgs for p in c.of(org, "operational")]
        chair = staff[0] if staff[0] != whitfield else staff[1]
        front_line = [p for org in orgs for p in c.of(org, "practitioner")]
        members = [p for p in RNG.sample(staff, min(len(staff), 6)) if p != chair]
        members += RNG.sample(front_line, min(len(front_line), 3))
        if ident in (
            "workforce",
            "panel-chairs",
            "parenting-offer",
            "start-for-life-ops",
            "parental-conflict",
        ):
            chair, members = whitfield, [chair, *members]
        c.meeting(
            ident,
            name,
            "operational",
            RNG.choice(["monthly", "six_weekly", "bimonthly"]),
            RNG.choice([60, 90, 120]),
            [chair],
            members,
            reports_to=parent,
        )
    c.meeting(
        "data-insight",
        "Data and Insight Group",
        "operational",
        "monthly",
        60,
        [performance],
        [c.of("icb", "operational")[0], dph_deputy, whitfield],
        reports_to="childrens-trust",
    )
    c.meeting(
        "faith-forum",
        "Faith and Community Forum",
        "operational",
        "bimonthly",
        90,
        [pritchard],
        faith,
        reports_to="best-start-board",
    )
    c.meeting(
        "vcfs-alliance",
        "Voluntary Sector Children's Alliance",
        "operational",
        "quarterly",
        120,
        [c.of("cvs", "operational")[0]],
        [
            *c.of("cvs", "operational")[1:],
            *c.of("homestart", "operational", 1),
            *c.of("brightpath", "operational", 1),
            *c.of("riverside-youth", "operational"),
            *c.of("safe-haven", "operational"),
            *c.of("little-steps", "operational"),
        ],
        reports_to="best-start-board",
    )

    # Practitioner meetings (30): nine in each locality and three county-wide networks.
    prac = {
        loc: [
            p
            for org, level in c.staff
            if level == "practitioner" and c.locality.get(org) == loc
            for p in c.of(org, level)
        ]
        for loc in LOCALITIES
    }
    county_prac = [
        p
        for org in (
            "community-trust",
            "hcc-early-help",
            "homestart",
            "brightpath",
            "hcc-social-care",
            "little-steps",
            "harrowdale-homes",
            "police",
            "safe-haven",
        )
        for p in c.of(org, "practitioner")
    ]
    for n, loc in enumerate(LOCALITIES):
        local = prac[loc]
        llt = f"{loc}-llt"
        school_staff = [p for s in schools_in[loc] for p in c.of(s, "practitioner")]
        for k, half in enumerate(
            (school_staff[: len(school_staff) // 2], school_staff[len(school_staff) // 2 :])
        ):
            c.meeting(
                f"{loc}-tas-{k + 1}",
                f"{loc.title()} Team Around the School {k + 1}",
                "practitioner",
                "termly",
                90,
                [half[0]],
                half[1:],
                reports_to=llt,
            )
        sets = [
            ("hub-forum", "Family Hub Practitioner Forum", "monthly", 90, 12),
            ("eh-panel", "Early Help Allocation Panel", "fortnightly", 120, 9),
            ("baby-and-me", "Baby and Me Network", "six_weekly", 60, 8),
            ("youth-workers", "Youth Workers Network", "bimonthly", 90, 7),
            ("peer-feeding", "Infant Feeding Peer Supporters", "monthly", 60, 6),
            ("hv-huddle", "Health Visiting Huddle", "weekly", 30, 6),
        ]
        for ident, name, freq, minutes, size in sets:
            pool = local + RNG.sample(county_prac, 14)
            chosen = RNG.sample(pool, min(size, len(pool)))
            c.meeting(
                f"{loc}-{ident}",
                f"{loc.title()} {name}",
                "practitioner",
                freq,
                minutes,
                [chosen[0]],
                chosen[1:],
                reports_to=llt,
            )
        voice = [parents[n], parents[3 + n], *RNG.sample(local, 2)]
        c.meeting(
            f"{loc}-parent-voice",
            f"{loc.title()} Parent Voice Group",
            "practitioner",
            "bimonthly",
            90,
            [voice[2]],
            [voice[0], voice[1], voice[3]],
            reports_to=llt,
        )
    for ident, name, parent in (
        ("da-champions", "Domestic Abuse Champions Network", "domestic-abuse-board"),
        ("send-keyworkers", "SEND Key Workers Network", "send-ops"),
        ("speech-champions", "Speech and Language Champions", "hv-ey-interface"),
    ):
        chosen = RNG.sample(county_prac, 12)
        c.meeting(
            ident,
            name,
            "practitioner",
            "quarterly",
            120,
            [chosen[0]],
            chosen[1:],
            reports_to=parent,
        )

    for target in ("homestart", "brightpath", "safe-haven", "little-steps", "cvs"):
        c.tie("hcc", target, "commissioning", "coordinate")
    c.tie("icb", "community-trust", "commissioning", "coordinate")
    c.tie("icb", "mental-health-trust", "commissioning", "communicate")
    c.tie("hcc-public-health", "community-trust", "commissioning", "collaborate")
    c.tie("police", "hcc-social-care", "information_sharing", "coordinate")
    c.tie("community-trust", "hcc-early-help", "information_sharing", "collaborate")
    c.tie("hcc", "icb", "partnership_agreement", "collaborate")
    c.tie("millford-foodbank", "millford-housing", "informal", "communicate")
    c.tie("harrowdale-homes", "hcc-early-help", "informal", "communicate")
    c.tie(pritchard, one("homestart", "strategic"), "informal", "collaborate")
    c.tie("hcc", "parent-forum", "funding", "coordinate")

    return {
        "version": 1,
        "name": "Harrowdale Best Start Partnership",
        "outcomes": [
            {"id": "ready-for-school", "name": "Children are ready to learn at two and at five"},
            {"id": "safe-at-home", "name": "Children are safe and families are resilient"},
            {"id": "healthy-start", "name": "Babies and parents get a healthy start"},
            {"id": "parents-in-work", "name": "Parents are in good work"},
            {"id": "young-people-heard", "name": "Young people feel heard"},
        ],
        "organisations": c.organisations,
        "people": c.people,
        "meetings": c.meetings,
        "relationships": c.relationships,
        # The board's own answers, some of which the map questions (a yes to shared
        # measurement while nobody is named as data lead).
        "assessment": {
            "clear_story": {
                "answer": "partly",
                "note": "The Start for Life story is clear; "
                "the wider family hub story is told differently by each partner.",
            },
            "visible_leaders": {"answer": "yes"},
            "lasting_commitment": {"answer": "partly"},
            "measured_progress": {
                "answer": "not_yet",
                "note": "Each partner reports its own figures.",
            },
            "shared_vision": {"answer": "yes", "note": "Agreed at the board in March."},
            "frequent_contact": {"answer": "partly"},
            "conflict_surfaced": {"answer": "not_yet"},
            "common_agenda": {"answer": "partly"},
            "shared_measurement": {
                "answer": "yes",
                "note": "The outcomes framework has indicators.",
            },
            "continuous_communication": {"answer": "partly"},
            "backbone_support": {
                "answer": "not_yet",
                "note": "No team; the council's policy officer helps.",
            },
        },
    }


def county_yaml() -> str:
    """The text of examples/county.yaml: a comment saying what was planted, then the map."""
    partnership = Partnership.model_validate(describe(County()))
    header = "".join(f"# {line}".rstrip() + "\n" for line in PLANTED.splitlines())
    return (
        "# yaml-language-server: $schema=../docs/map.schema.json\n"
        "# An invented county partnership, written by examples/build_county.py.\n#\n"
        + header
        + "\n"
        + dump_map(partnership)
    )


if __name__ == "__main__":
    target = Path(__file__).with_name("county.yaml")
    target.write_text(county_yaml(), encoding="utf-8")
    print(f"wrote {target}")
