"""Write examples/county.yaml: an invented county family hubs partnership with planted problems.

Run `python examples/build_county.py` after changing it; tests/test_examples.py checks that the
committed YAML is what this script writes. Every name is invented. The structure is written out
here on purpose so a reader can see which problem was planted where (see PLANTED), and it has
the shapes published structures have (docs/validation.md): services within the council and a
council-owned company (`part_of`), commissioners and the providers they commission, four family
hub areas (`localities`) each with its locality leadership team, seats (posts with a title and
no name), a vacant post, statutory boards outside the partnership's own tree (`external`), a
task-and-finish group, a one-off launch and a yearly assembly. Everything not planted is meant
to be healthy: each planted problem should be one finding, or a few, and no kind more than ten
(examples/county.review.yaml says what a reviewer expects; tests/test_examples.py holds it).
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
Problems planted for the diagnosis to find, as a reviewer of a family hubs partnership would
rank them (examples/county.review.yaml):
- Margaret Osei, Director of Children's Services, single accountable leader and co-chair of the
  Best Start Family Hubs Board, leaves on 2027-08-31 with no deputy named.
- The Best Start Family Hubs Board reports to the Health and Wellbeing Board but has no line,
  reporting or informing, to the Harrowdale Safeguarding Children Partnership.
- The Millford family hub locality manager's post is vacant: it chairs the Millford Locality
  Leadership Team (its vice chair is acting) and its seat on the board is empty.
- The Riverside Locality Leadership Team reaches the board only through Carys Lloyd, the
  Riverside hub manager, who has no deputy and leaves on 2027-03-31 (Riverside District Council
  sends nobody to the board, unlike the other three districts).
- Two faith organisations reach the partnership only through Siân Pritchard (Harrowdale CVS),
  who runs the Faith and Community Network: a single point of failure, and the CVS an
  organisation the faith groups depend on.
- The Early Help Partnership Group and the Family Support Steering Group have almost the same
  members and both report to the board.
- No parent, carer or young person sits on the board, nor on the county groups below it; the
  parents are in the locality teams and the SEND board.
- Harrowdale Constabulary and Harrowdale Hospitals (maternity) sit on the board, but none of
  their managers attends an operational meeting: leaders meet, their managers never do.
- The family hubs programme manager spends more than 16 hours a month in meetings.
- Smaller things a reviewer would note: Jobcentre Plus is linked by its one seat on the board;
  the Reducing Parental Conflict Group reports nowhere; the Start for Life Board is led by
  public health alone and revisits its purpose once a year.
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

#: The four family hub areas: their district council and two schools each.
LOCALITIES: dict[str, tuple[str, str, tuple[str, str]]] = {
    "ashby": ("Ashby", "Ashby District Council", ("Ashby Fields Primary", "Ashby Academy")),
    "millford": (
        "Millford",
        "Millford Borough Council",
        ("Millford Park Primary", "Oakwood Special School"),
    ),
    "riverside": (
        "Riverside",
        "Riverside District Council",
        ("Riverside Primary", "Riverside Community College"),
    ),
    "eastmoor": (
        "Eastmoor",
        "Eastmoor District Council",
        ("Eastmoor Primary", "Kingfisher Nursery School"),
    ),
}


#: The people named in the story, whom no drawn name may take.
NAMED = {"carys-lloyd", "hannah-clarke", "kwame-adeyemi", "owen-fraser"}


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
        self.used: set[str] = set()

    def org(self, ident: str, name: str, sector: str, **extra: Any) -> str:
        record: dict[str, Any] = {"id": ident, "name": name, "sector": sector}
        record.update({k: v for k, v in extra.items() if v})
        self.organisations.append(record)
        return ident

    def person(
        self,
        org: str | None,
        level: str,
        title: str,
        name: str | None = None,
        *,
        seat: str | None = None,
        **extra: Any,
    ) -> str:
        """A named person (a name drawn at random when none is given), or, with `seat`, a
        post whose holder is not named: its id, its title and no name."""
        record: dict[str, Any]
        if seat is not None:
            ident, record = seat, {"id": seat}
        else:
            if name is None:
                name = f"{RNG.choice(FIRST)} {RNG.choice(LAST)}"
                while slug(name) in self.used or slug(name) in NAMED:
                    name = f"{RNG.choice(FIRST)} {RNG.choice(LAST)}"
            ident, record = slug(name), {"id": slug(name), "name": name}
        assert ident not in self.used, ident
        self.used.add(ident)
        if org:
            record["organisation"] = org
        record["title"] = title
        record["level"] = level
        record.update({k: v for k, v in extra.items() if v})
        self.people.append(record)
        return ident

    def staff(self, org: str, level: str, title: str, count: int, **extra: Any) -> list[str]:
        return [self.person(org, level, title, **extra) for _ in range(count)]

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


def describe(c: County) -> dict[str, Any]:
    # Organisations (45). The county council with its services and its own company.
    c.org("hcc", "Harrowdale County Council", "local_authority")
    for ident, name in (
        ("hcc-social-care", "Children's Social Care"),
        ("hcc-family-hubs", "Early Help and Family Hubs Service"),
        ("hcc-public-health", "Public Health Harrowdale"),
        ("hcc-education", "Education, SEND and Inclusion"),
        ("hcc-adult-social-care", "Adult Social Care"),
    ):
        c.org(ident, name, "local_authority", part_of="hcc")
    # A company the council owns, which runs the healthy lifestyle offer in the hubs.
    c.org("active-harrowdale", "Active Harrowdale Ltd", "local_authority", part_of="hcc")
    for loc, (_, council, _) in LOCALITIES.items():
        c.org(f"{loc}-council", council, "local_authority", locality=loc)
    c.org("icb", "Harrowdale and Millford Integrated Care Board", "health")
    c.org("community-trust", "Harrowdale Community Health NHS Trust", "health")
    c.org("acute-trust", "Harrowdale Hospitals NHS Trust", "health")
    c.org("mh-trust", "Harrowdale Mind and Body Partnership NHS Trust", "health")
    for loc, (place, _, _) in LOCALITIES.items():
        c.org(f"{loc}-pcn", f"{place} Primary Care Network", "health", locality=loc)
    for loc, (_, _, schools) in LOCALITIES.items():
        for school in schools:
            c.org(slug(school), school, "education", locality=loc)
    c.org("cvs", "Harrowdale Council for Voluntary Service", "vcfs")
    c.org("homestart", "Home-Start Harrowdale", "vcfs")
    c.org("brightpath", "Brightpath Children's Charity", "vcfs")
    c.org("little-steps", "Little Steps Community Nurseries", "vcfs")
    c.org("safe-haven", "Safe Haven Domestic Abuse Service", "vcfs")
    c.org("riverside-youth", "Riverside Youth Project", "vcfs", locality="riverside")
    c.org("ashby-faith", "Ashby Churches Together", "vcfs")
    c.org("al-noor", "Al-Noor Community Trust", "vcfs")
    c.org("healthwatch", "Healthwatch Harrowdale", "vcfs")
    c.org("police", "Harrowdale Constabulary", "police")
    c.org("harrowdale-homes", "Harrowdale Homes", "housing")
    c.org("millford-housing", "Millford Housing Trust", "housing", locality="millford")
    c.org("parent-forum", "Harrowdale Parent Carer Forum", "families")
    c.org("youth-council", "Harrowdale Youth Council", "families")
    c.org("dads-network", "Harrowdale Dads' Network", "families")
    c.org("jobcentre", "Harrowdale Jobcentre Plus", "employment_and_skills")
    c.org("probation", "Harrowdale Probation Delivery Unit", "justice")
    c.org(
        "scrutineer",
        "Independent Scrutineer of the Safeguarding Partnership",
        "other",
        strategic_only=True,
    )

    # The people the story is about, and the county's senior posts.
    osei = c.person(
        "hcc",
        "strategic",
        "Director of Children's Services",
        "Margaret Osei",
        roles=["single_accountable_leader"],
        leaving="2027-08-31",
    )
    cllr = c.person(
        "hcc", "strategic", "Cabinet Member for Health and Wellbeing", "Cllr Peter Hargreaves"
    )
    safety = c.person("hcc", "strategic", "Head of Community Safety", "Angela Whitby")
    da_lead = c.person("hcc", "operational", "Domestic Abuse Partnership Coordinator")
    analyst = c.person("hcc", "operational", "Senior Data Analyst")
    kaur = c.person(
        "hcc",
        "operational",
        "Head of Performance and Intelligence",
        "Ian Kaur",
        roles=["data_lead"],
        deputy=analyst,
    )
    dass = c.person("hcc-adult-social-care", "strategic", "Director of Adult Social Services")
    transitions = c.person(
        "hcc-adult-social-care", "operational", "Preparing for Adulthood Manager"
    )
    nwosu = c.person(
        "hcc-public-health", "operational", "Consultant in Public Health", "Rebecca Nwosu"
    )
    haddad = c.person(
        "hcc-public-health",
        "strategic",
        "Director of Public Health",
        "Dr Leila Haddad",
        roles=["senior_sponsor"],
        deputy=nwosu,
    )
    ph_commissioner = c.person(
        "hcc-public-health", "operational", "Public Health Commissioning Manager"
    )
    morrison = c.person(
        "hcc-family-hubs", "operational", "Early Help Service Manager", "Jade Morrison"
    )
    whitfield = c.person(
        "hcc-family-hubs",
        "strategic",
        "Head of Early Help and Family Hubs",
        "Tom Whitfield",
        roles=["transformation_lead"],
        deputy=morrison,
    )
    fraser = c.person(
        "hcc-family-hubs", "operational", "Family Hubs Programme Manager", "Owen Fraser"
    )
    workforce_lead = c.person("hcc-family-hubs", "operational", "Family Hubs Workforce Lead")
    digital_lead = c.person("hcc-family-hubs", "operational", "Digital Offer Lead")
    comms = c.person("hcc-family-hubs", "operational", "Communications and Engagement Officer")
    csc_head = c.person("hcc-social-care", "strategic", "Head of Children's Social Care")
    send_head = c.person("hcc-education", "strategic", "Head of SEND and Inclusion")
    ey_head = c.person("hcc-education", "strategic", "Head of Early Years")
    send_manager = c.person("hcc-education", "operational", "SEND Service Manager")
    ey_manager = c.person("hcc-education", "operational", "Early Years Quality Manager")
    mh_schools = c.person("hcc-education", "operational", "Mental Health in Schools Lead")
    active_manager = c.person("active-harrowdale", "operational", "Healthy Lifestyles Manager")

    rahman = c.person("icb", "strategic", "Director of Children's Commissioning", "Dr Nadia Rahman")
    place_director = c.person("icb", "strategic", "Place Director")
    chief_nurse = c.person("icb", "strategic", "Chief Nurse")
    icb_manager = c.person("icb", "operational", "Children's Commissioning Manager")
    ct_director = c.person(
        "community-trust", "strategic", "Director of Children's Community Services"
    )
    ct_ceo = c.person("community-trust", "strategic", "Chief Executive")
    zero_19 = c.person("community-trust", "operational", "Head of 0-19 Services")
    hv_manager = c.person("community-trust", "operational", "Health Visiting Service Manager")
    sn_manager = c.person("community-trust", "operational", "School Nursing Service Manager")
    therapies = c.person("community-trust", "operational", "Children's Therapies Manager")
    feeding_lead = c.person("community-trust", "operational", "Infant Feeding Lead")
    midwifery = c.person("acute-trust", "strategic", "Head of Midwifery")
    acute_ceo = c.person("acute-trust", "strategic", "Chief Executive")
    camhs_director = c.person("mh-trust", "strategic", "Director of CAMHS")
    perinatal_lead = c.person("mh-trust", "strategic", "Perinatal Mental Health Clinical Lead")
    camhs_manager = c.person("mh-trust", "operational", "CAMHS Service Manager")
    perinatal_manager = c.person("mh-trust", "operational", "Perinatal Team Manager")
    camhs_link = c.person("mh-trust", "operational", "CAMHS Schools Link Manager")

    cvs_ceo = c.person("cvs", "strategic", "Chief Executive")
    pritchard = c.person(
        "cvs",
        "operational",
        "Faith and Communities Development Lead",
        "Siân Pritchard",
        roles=["connector"],
    )
    cvs_locality = c.staff("cvs", "operational", "Locality Voluntary Sector Coordinator", 2)
    hs_ceo = c.person("homestart", "strategic", "Chief Executive")
    hs_manager = c.person("homestart", "operational", "Operations Manager")
    bp_ceo = c.person("brightpath", "strategic", "Chief Executive")
    bp_manager = c.person("brightpath", "operational", "Services Manager")
    ls_ceo = c.person("little-steps", "strategic", "Chief Executive")
    ls_manager = c.person("little-steps", "operational", "Nurseries Manager")
    sh_ceo = c.person("safe-haven", "strategic", "Chief Executive")
    sh_manager = c.person("safe-haven", "operational", "Services Manager")
    homes_director = c.person(
        "harrowdale-homes", "strategic", "Director of Housing", "Helen Brooks"
    )
    homes_manager = c.person("harrowdale-homes", "operational", "Tenancy Sustainment Manager")
    probation_head = c.person("probation", "strategic", "Head of the Probation Delivery Unit")
    probation_officer = c.person("probation", "operational", "Senior Probation Officer")

    # Seats: posts the board and the statutory boards list by what they represent.
    police_seat = c.person(
        "police",
        "strategic",
        "Police representative (Superintendent, Public Protection)",
        seat="police-representative",
    )
    schools_seat = c.person(
        "ashby-fields-primary",
        "strategic",
        "Schools representative (headteacher)",
        seat="schools-representative",
    )
    jobcentre_seat = c.person(
        "jobcentre", "strategic", "Jobcentre Plus representative", seat="jobcentre-representative"
    )
    healthwatch_seat = c.person(
        "healthwatch", "strategic", "Healthwatch representative", seat="healthwatch-representative"
    )
    scrutineer = c.person(
        "scrutineer", "strategic", "Independent Scrutineer", seat="independent-scrutineer"
    )
    oakwood_head = c.person("oakwood-special-school", "strategic", "Headteacher")
    survivors = [
        c.person(None, "family", "Survivors' forum representative", seat="survivor-representative"),
        c.person(
            None, "family", "Expert by experience (survivors' forum)", seat="survivor-adviser"
        ),
    ]
    forum_chair = c.person("parent-forum", "family", "Chair, Parent Carer Forum", "Aisha Begum")
    forum_lead = c.person("parent-forum", "family", "Participation Lead", "Kirsty Doyle")
    youth = [
        c.person("youth-council", "family", "Youth Council member", "Ethan Mensah"),
        c.person("youth-council", "family", "Youth Council member", "Ola Adebayo"),
    ]
    dads = c.person("dads-network", "family", "Dads' Network lead", "Marcus Reid")

    # The localities: each hub area's managers and front line.
    hub_manager: dict[str, str] = {}
    district_head: dict[str, str] = {}
    team: dict[str, list[str]] = {}  # the locality leadership team's members, but its chair
    front_line: dict[str, dict[str, list[str]]] = {}
    parents: dict[str, list[str]] = {}
    managers = {"ashby": "Hannah Clarke", "eastmoor": "Kwame Adeyemi"}
    for loc, (place, _, schools) in LOCALITIES.items():
        if loc == "millford":
            hub_manager[loc] = c.person(
                "hcc-family-hubs",
                "operational",
                "Millford Family Hub Locality Manager",
                seat="millford-hub-manager",
                vacant=True,
                locality=loc,
            )
        elif loc == "riverside":
            hub_manager[loc] = c.person(
                "hcc-family-hubs",
                "operational",
                "Riverside Family Hub Locality Manager",
                "Carys Lloyd",
                leaving="2027-03-31",
                locality=loc,
            )
        else:
            hub_manager[loc] = c.person(
                "hcc-family-hubs",
                "operational",
                f"{place} Family Hub Locality Manager",
                managers[loc],
                locality=loc,
            )
        if loc == "riverside":  # Riverside sends nobody to the board
            district_head[loc] = c.person(
                f"{loc}-council", "operational", "Community Development Officer", locality=loc
            )
        else:
            district_head[loc] = c.person(
                f"{loc}-council", "strategic", "Head of Communities", locality=loc
            )
        first_school, second_school = (slug(s) for s in schools)
        team[loc] = [
            district_head[loc],
            c.person(
                "hcc-family-hubs", "operational", f"{place} Early Help Team Leader", locality=loc
            ),
            c.person(
                "hcc-social-care", "operational", f"{place} Social Work Team Manager", locality=loc
            ),
            c.person(
                "community-trust", "operational", f"{place} Health Visiting Lead", locality=loc
            ),
            c.person("homestart", "operational", f"{place} Home-Start Coordinator", locality=loc),
            cvs_locality[0 if loc in ("ashby", "millford") else 1],
            c.person(first_school, "operational", "Deputy Headteacher", locality=loc),
            c.person(f"{loc}-pcn", "operational", "Social Prescribing Lead", locality=loc),
            camhs_link,
            c.person("parent-forum", "family", f"Parent representative ({place})", locality=loc),
            c.person("hcc-education", "operational", f"{place} Inclusion Officer", locality=loc),
        ]
        if loc == "millford":
            team[loc].append(c.person("millford-housing", "operational", "Housing Manager"))
        if loc == "riverside":
            team[loc].append(c.person("riverside-youth", "operational", "Project Manager"))
        front_line[loc] = {
            "early_help": c.staff(
                "hcc-family-hubs", "practitioner", "Early Help Practitioner", 7, locality=loc
            ),
            "engagement": c.staff(
                "hcc-family-hubs", "practitioner", "Family Hub Engagement Worker", 1, locality=loc
            ),
            "social_work": c.staff(
                "hcc-social-care", "practitioner", "Social Worker", 3, locality=loc
            ),
            "health_visiting": c.staff(
                "community-trust", "practitioner", "Health Visitor", 3, locality=loc
            ),
            "school_nursing": c.staff(
                "community-trust", "practitioner", "School Nurse", 2, locality=loc
            ),
            "nursery_nurse": c.staff(
                "community-trust", "practitioner", "Community Nursery Nurse", 1, locality=loc
            ),
            "midwives": c.staff(
                "acute-trust", "practitioner", "Community Midwife", 2, locality=loc
            ),
            "school": [
                *c.staff(first_school, "practitioner", "SENCo", 1, locality=loc),
                *c.staff(first_school, "practitioner", "Learning Mentor", 1, locality=loc),
                *c.staff(first_school, "practitioner", "Family Support Worker", 1, locality=loc),
                *c.staff(second_school, "practitioner", "SENCo", 1, locality=loc),
                *c.staff(second_school, "practitioner", "Pastoral Lead", 1, locality=loc),
                *c.staff(second_school, "practitioner", "Family Support Worker", 1, locality=loc),
            ],
            "pcn": c.staff(
                f"{loc}-pcn", "practitioner", "Social Prescribing Link Worker", 2, locality=loc
            ),
            "district": [
                *c.staff(
                    f"{loc}-council", "practitioner", "Housing Options Officer", 1, locality=loc
                ),
                *c.staff(
                    f"{loc}-council",
                    "practitioner",
                    "Community Development Worker",
                    1,
                    locality=loc,
                ),
            ],
            "homestart": c.staff(
                "homestart", "practitioner", "Volunteer Coordinator", 1, locality=loc
            ),
            "police": c.staff(
                "police", "practitioner", "Police Community Support Officer", 1, locality=loc
            ),
            "nursery": c.staff(
                "little-steps", "practitioner", "Nursery Practitioner", 1, locality=loc
            ),
        }
        if loc == "riverside":
            front_line[loc]["youth"] = c.staff("riverside-youth", "practitioner", "Youth Worker", 3)
        if loc == "millford":
            front_line[loc]["housing"] = c.staff(
                "millford-housing", "practitioner", "Housing Officer", 1
            )
        parents[loc] = [
            c.person(None, "family", f"Parent ({place} Parent Voice Group)") for _ in range(2)
        ]

    # Practitioners who work across the county.
    county = {
        "therapists": c.staff(
            "community-trust", "practitioner", "Speech and Language Therapist", 3
        ),
        "feeding": c.staff("community-trust", "practitioner", "Infant Feeding Coordinator", 2),
        "camhs": c.staff("mh-trust", "practitioner", "CAMHS Practitioner", 3),
        "perinatal": c.staff("mh-trust", "practitioner", "Perinatal Mental Health Practitioner", 2),
        "psychologists": c.staff("hcc-education", "practitioner", "Educational Psychologist", 2),
        "keyworkers": c.staff("hcc-education", "practitioner", "SEND Key Worker", 3),
        "ey_advisers": c.staff("hcc-education", "practitioner", "Early Years Adviser", 2),
        "brightpath": c.staff("brightpath", "practitioner", "Children's Counsellor", 2)
        + c.staff("brightpath", "practitioner", "Youth Worker", 2),
        "nurseries": c.staff("little-steps", "practitioner", "Nursery Practitioner", 2),
        "idvas": c.staff("safe-haven", "practitioner", "Independent Domestic Violence Adviser", 4),
        "police_da": c.staff("police", "practitioner", "Domestic Abuse Officer", 2),
        "housing": c.staff("harrowdale-homes", "practitioner", "Housing Officer", 2),
        "volunteers": c.staff("cvs", "practitioner", "Volunteer Coordinator", 1)
        + c.staff("homestart", "practitioner", "Family Support Volunteer Lead", 2),
        "health_improvement": c.staff(
            "hcc-public-health", "practitioner", "Health Improvement Practitioner", 2
        ),
        "activity": c.staff("active-harrowdale", "practitioner", "Family Activity Coordinator", 2),
        "safeguarding_midwife": c.staff("acute-trust", "practitioner", "Safeguarding Midwife", 1),
    }
    faith = [
        c.person("ashby-faith", "practitioner", "Family Worker (St Mary's)", "Revd Anna Lindqvist"),
        c.person("ashby-faith", "practitioner", "Youth Leader", "Samuel Okoro"),
        c.person("al-noor", "practitioner", "Community Development Worker", "Bilal Qureshi"),
        c.person("al-noor", "practitioner", "Parent Support Volunteer", "Noor Hassan"),
    ]

    # Strategic meetings (10): two statutory boards outside the partnership's tree, the board,
    # four boards beside or below it, a domestic abuse board, a yearly assembly and a launch.
    c.meeting(
        "hwb",
        "Harrowdale Health and Wellbeing Board",
        "strategic",
        "quarterly",
        150,
        [cllr],
        [
            osei,
            haddad,
            dass,
            place_director,
            ct_ceo,
            acute_ceo,
            cvs_ceo,
            healthwatch_seat,
            district_head["millford"],
        ],
        board="health_and_wellbeing",
        external=True,
        membership="partial",
        purpose="The county's statutory board for health and wellbeing (members as published "
        "in its terms of reference, which list some seats by office only).",
    )
    c.meeting(
        "lscp",
        "Harrowdale Safeguarding Children Partnership Executive",
        "strategic",
        "quarterly",
        120,
        [scrutineer],
        [osei, chief_nurse, police_seat, csc_head, send_head],
        board="safeguarding",
        external=True,
        purpose="The statutory safeguarding arrangements of the council, the ICB and the police.",
    )
    board = c.meeting(
        "best-start-board",
        "Best Start Family Hubs Board",
        "strategic",
        "bimonthly",
        150,
        [osei, hs_ceo],
        [
            haddad,
            whitfield,
            csc_head,
            send_head,
            kaur,
            rahman,
            ct_director,
            midwifery,
            police_seat,
            schools_seat,
            cvs_ceo,
            jobcentre_seat,
            *(district_head[loc] for loc in ("ashby", "millford", "eastmoor")),
            *(hub_manager[loc] for loc in LOCALITIES),
        ],
        board="family_hubs",
        reports_to="hwb",
        outcomes=["ready-for-school", "safe-at-home", "healthy-start", "parents-in-work"],
        revisits_purpose="biannual",
        purpose="Lead the Best Start and family hubs programme across the county.",
    )
    c.meeting(
        "send-board",
        "SEND and Inclusion Partnership Board",
        "strategic",
        "bimonthly",
        120,
        [send_head, forum_chair],
        [rahman, camhs_director, therapies, oakwood_head, transitions],
        reports_to=[board, "hwb"],
        outcomes=["ready-for-school"],
        revisits_purpose="biannual",
    )
    c.meeting(
        "early-years-strategic",
        "Early Years Strategic Group",
        "strategic",
        "quarterly",
        120,
        [],
        [ey_head, zero_19, ls_ceo, whitfield, send_head, nwosu],
        chair_rotates=["hcc-education", "community-trust", "little-steps"],
        reports_to=board,
        outcomes=["ready-for-school"],
        revisits_purpose="biannual",
    )
    c.meeting(
        "start-for-life-board",
        "Start for Life Board",
        "strategic",
        "bimonthly",
        120,
        [haddad],
        [ct_director, zero_19, midwifery, perinatal_lead, hs_ceo, whitfield],
        vice_chair=nwosu,
        reports_to=board,
        outcomes=["healthy-start"],
        revisits_purpose="annual",
    )
    c.meeting(
        "cyp-mental-health",
        "Children and Young People's Mental Health Partnership",
        "strategic",
        "quarterly",
        120,
        [rahman],
        [mh_schools, bp_ceo, youth[0], nwosu],
        vice_chair=camhs_director,
        reports_to="hwb",
        outcomes=["young-people-heard"],
        revisits_purpose="biannual",
    )
    c.meeting(
        "domestic-abuse-board",
        "Domestic Abuse Local Partnership Board",
        "strategic",
        "quarterly",
        120,
        [safety, sh_ceo],
        [police_seat, homes_director, csc_head, probation_head, da_lead, survivors[0], sh_manager],
        reports_to=["lscp", "hwb"],
        outcomes=["safe-at-home"],
        revisits_purpose="biannual",
    )
    everyone_senior = [
        osei,
        haddad,
        whitfield,
        csc_head,
        send_head,
        ey_head,
        rahman,
        ct_director,
        zero_19,
        camhs_director,
        hs_ceo,
        cvs_ceo,
        bp_ceo,
        ls_ceo,
        sh_ceo,
        homes_director,
        police_seat,
        schools_seat,
        oakwood_head,
        forum_chair,
        youth[1],
        *hub_manager.values(),
        *(district_head[loc] for loc in ("ashby", "millford", "eastmoor")),
    ]
    c.meeting(
        "best-start-assembly",
        "Best Start Partnership Assembly",
        "strategic",
        "annual",
        240,
        [cllr],
        [p for p in everyone_senior if p != "millford-hub-manager"],
        informs=[board],
        purpose="Every partner once a year: the year's progress and the next year's priorities.",
    )
    c.meeting(
        "family-hubs-launch",
        "Family Hubs Launch Event",
        "strategic",
        "once",
        180,
        [whitfield],
        [
            p
            for p in [*everyone_senior, cllr, pritchard, *cvs_locality, *team["ashby"]]
            if p != "millford-hub-manager"
        ],
        starts="2026-09-24",
        ends="2026-09-24",
        purpose="The launch of the county's four family hubs.",
    )

    # Operational meetings (20).
    for loc, (place, _, _) in LOCALITIES.items():
        chair, members, vice = [hub_manager[loc]], team[loc], None
        if loc == "millford":
            vice = team[loc][3]  # the health visiting lead acts while the post is vacant
        if loc == "riverside":
            # Led with the health visiting lead; the hub manager carries its report to the board.
            chair, members = [team[loc][3]], [hub_manager[loc], *team[loc][:3], *team[loc][4:]]
        c.meeting(
            f"{loc}-llt",
            f"{place} Locality Leadership Team",
            "operational",
            "monthly",
            120,
            chair,
            members,
            vice_chair=vice,
            locality=loc,
            reports_to=board,
            outcomes=["ready-for-school", "safe-at-home"],
            purpose=f"Plan the {place} family hub's local offer together, from local data and "
            "what families say.",
        )
    ops = c.meeting(
        "family-hubs-ops",
        "Family Hubs Operational Group",
        "operational",
        "monthly",
        120,
        [whitfield],
        [
            kaur,
            morrison,
            hv_manager,
            camhs_manager,
            hs_manager,
            bp_manager,
            ls_manager,
            cvs_locality[0],
            icb_manager,
            ph_commissioner,
            fraser,
        ],
        reports_to=board,
        outcomes=["ready-for-school", "safe-at-home", "healthy-start"],
    )
    early_help_core = [
        fraser,
        whitfield,
        csc_head,
        hs_manager,
        hv_manager,
        team["ashby"][1],
        team["eastmoor"][1],
    ]
    c.meeting(
        "early-help-partnership",
        "Early Help Partnership Group",
        "operational",
        "monthly",
        120,
        [morrison],
        [*early_help_core, bp_manager],
        reports_to=board,
        outcomes=["safe-at-home"],
    )
    c.meeting(
        "family-support-steering",
        "Family Support Steering Group",
        "operational",
        "monthly",
        90,
        [morrison],
        [*early_help_core, team["millford"][1]],
        reports_to=board,
        outcomes=["safe-at-home"],
    )
    c.meeting(
        "send-ops",
        "SEND Operational Group",
        "operational",
        "monthly",
        90,
        [send_manager],
        [
            forum_chair,
            forum_lead,
            camhs_manager,
            therapies,
            oakwood_head,
            c.person("oakwood-special-school", "operational", "Assistant Headteacher (SENCo)"),
            transitions,
        ],
        reports_to="send-board",
        outcomes=["ready-for-school"],
    )
    ey_ops = c.meeting(
        "early-years-ops",
        "Early Years Sufficiency and Quality Group",
        "operational",
        "bimonthly",
        90,
        [ey_manager],
        [ey_head, ls_manager, ls_ceo, hv_manager, team["riverside"][3]],
        reports_to="early-years-strategic",
        outcomes=["ready-for-school"],
    )
    sfl_ops = c.meeting(
        "start-for-life-ops",
        "Start for Life Operational Group",
        "operational",
        "monthly",
        90,
        [nwosu],
        [zero_19, feeding_lead, perinatal_manager, hs_manager, active_manager, morrison],
        reports_to="start-for-life-board",
        outcomes=["healthy-start"],
    )
    c.meeting(
        "perinatal-pathway",
        "Perinatal and Parent-Infant Mental Health Pathway Group",
        "operational",
        "bimonthly",
        90,
        [perinatal_manager],
        [perinatal_lead, hv_manager, hs_manager, nwosu, team["millford"][3]],
        reports_to="start-for-life-board",
        outcomes=["healthy-start"],
    )
    wellbeing = c.meeting(
        "emotional-wellbeing-ops",
        "Emotional Wellbeing in Schools Group",
        "operational",
        "bimonthly",
        90,
        [camhs_manager],
        [mh_schools, bp_ceo, bp_manager, sn_manager, youth[1]],
        reports_to="cyp-mental-health",
        outcomes=["young-people-heard"],
    )
    da_ops = c.meeting(
        "domestic-abuse-ops",
        "Domestic Abuse Operational Group",
        "operational",
        "monthly",
        90,
        [da_lead],
        [
            sh_manager,
            homes_manager,
            probation_officer,
            team["ashby"][2],
            team["riverside"][2],
            survivors[1],
        ],
        reports_to="domestic-abuse-board",
        outcomes=["safe-at-home"],
    )
    c.meeting(
        "data-outcomes",
        "Family Hubs Data and Outcomes Group",
        "operational",
        "monthly",
        90,
        [kaur],
        [analyst, whitfield, fraser, icb_manager, ph_commissioner],
        reports_to=board,
        outcomes=["ready-for-school", "healthy-start"],
    )
    c.meeting(
        "digital-offer",
        "Family Hubs Digital Offer Task and Finish Group",
        "operational",
        "monthly",
        90,
        [digital_lead],
        [whitfield, kaur, fraser, comms, cvs_locality[1]],
        reports_to=board,
        starts="2026-04-01",
        ends="2027-06-30",
        purpose="Build the family hubs website and the digital front door, then close.",
    )
    c.meeting(
        "vcs-alliance",
        "Voluntary Sector Children's Alliance",
        "operational",
        "quarterly",
        120,
        [cvs_ceo],
        [hs_ceo, bp_manager, ls_manager, sh_manager, team["riverside"][-1], *cvs_locality],
        reports_to=board,
        outcomes=["safe-at-home", "parents-in-work"],
    )
    c.meeting(
        "programme-team",
        "Family Hubs Programme Team",
        "operational",
        "weekly",
        120,
        [fraser],
        [morrison, workforce_lead, digital_lead, comms, analyst],
        reports_to=ops,
    )
    c.meeting(
        "workforce",
        "Family Hub Workforce Development Group",
        "operational",
        "bimonthly",
        90,
        [workforce_lead],
        [
            fraser,
            hv_manager,
            team["eastmoor"][1],
            c.person("community-trust", "operational", "Practice Educator"),
        ],
        reports_to=ops,
    )
    c.meeting(
        "comms-engagement",
        "Communications and Engagement Group",
        "operational",
        "bimonthly",
        60,
        [comms],
        [
            fraser,
            cvs_locality[0],
            c.person("community-trust", "operational", "Communications Manager"),
        ],
        reports_to=ops,
    )
    c.meeting(
        "parental-conflict",
        "Reducing Parental Conflict Group",
        "operational",
        "bimonthly",
        90,
        [bp_manager],
        [
            dads,
            team["millford"][1],
            team["riverside"][1],
            c.person("brightpath", "operational", "Relationship Support Lead"),
        ],
        outcomes=["safe-at-home"],
        purpose="Set up for the national Reducing Parental Conflict grant.",
    )

    # Practitioner meetings (30): five in each hub area and ten county-wide networks.
    for loc, (place, _, _) in LOCALITIES.items():
        staff = front_line[loc]
        llt = f"{loc}-llt"
        forum = [p for group in staff.values() for p in group]
        c.meeting(
            f"{loc}-hub-forum",
            f"{place} Family Hub Practitioner Forum",
            "practitioner",
            "monthly",
            90,
            [staff["engagement"][0]],
            forum,
            locality=loc,
            reports_to=llt,
        )
        c.meeting(
            f"{loc}-allocation-panel",
            f"{place} Early Help Allocation Panel",
            "practitioner",
            "fortnightly",
            120,
            [staff["early_help"][0]],
            [
                *staff["early_help"][1:3],
                *staff["social_work"][:2],
                staff["health_visiting"][0],
                staff["homestart"][0],
            ],
            locality=loc,
            reports_to=llt,
        )
        c.meeting(
            f"{loc}-team-around-school",
            f"{place} Team Around the School",
            "practitioner",
            "termly",
            90,
            [staff["school"][0]],
            [
                *staff["school"][1:],
                staff["school_nursing"][0],
                staff["early_help"][3],
                staff["pcn"][0],
            ],
            locality=loc,
            reports_to=llt,
        )
        c.meeting(
            f"{loc}-baby-and-me",
            f"{place} Baby and Me Network",
            "practitioner",
            "six_weekly",
            60,
            [staff["health_visiting"][1]],
            [
                staff["health_visiting"][2],
                *staff["midwives"],
                staff["nursery_nurse"][0],
                staff["nursery"][0],
                staff["early_help"][4],
            ],
            locality=loc,
            reports_to=llt,
        )
        c.meeting(
            f"{loc}-parent-voice",
            f"{place} Parent Voice Group",
            "practitioner",
            "bimonthly",
            90,
            [staff["engagement"][0]],
            [*parents[loc], staff["district"][1], staff["pcn"][1]],
            locality=loc,
            informs=[llt],
        )
    networks = [
        (
            "da-champions",
            "Domestic Abuse Champions Network",
            da_ops,
            "quarterly",
            [
                *county["idvas"],
                *county["police_da"],
                *county["housing"],
                front_line["millford"]["social_work"][2],
                front_line["eastmoor"]["social_work"][2],
            ],
        ),
        (
            "send-keyworkers",
            "SEND Key Workers Network",
            "send-ops",
            "bimonthly",
            [
                *county["keyworkers"],
                *county["psychologists"],
                county["therapists"][0],
                front_line["millford"]["school"][3],
            ],
        ),
        (
            "speech-champions",
            "Speech and Language Champions",
            ey_ops,
            "termly",
            [
                *county["therapists"][1:],
                *county["ey_advisers"],
                *county["nurseries"],
                front_line["ashby"]["nursery"][0],
                front_line["eastmoor"]["nursery_nurse"][0],
            ],
        ),
        (
            "feeding-peers",
            "Infant Feeding Peer Supporters Network",
            sfl_ops,
            "monthly",
            [
                *county["feeding"],
                *county["volunteers"][1:],
                county["safeguarding_midwife"][0],
                front_line["riverside"]["midwives"][0],
            ],
        ),
        (
            "perinatal-practitioners",
            "Perinatal Practitioners Network",
            sfl_ops,
            "quarterly",
            [
                *county["perinatal"],
                front_line["ashby"]["health_visiting"][0],
                front_line["eastmoor"]["health_visiting"][0],
                county["safeguarding_midwife"][0],
            ],
        ),
        (
            "youth-workers",
            "Youth Workers Network",
            wellbeing,
            "bimonthly",
            [*county["brightpath"][2:], *front_line["riverside"]["youth"], county["camhs"][0]],
        ),
        (
            "wellbeing-practitioners",
            "Children's Wellbeing Practitioners Network",
            wellbeing,
            "termly",
            [
                *county["camhs"][1:],
                *county["brightpath"][:2],
                front_line["ashby"]["school_nursing"][1],
            ],
        ),
        (
            "healthy-families",
            "Healthy Families Practitioners Network",
            sfl_ops,
            "quarterly",
            [
                *county["health_improvement"],
                *county["activity"],
                front_line["millford"]["nursery"][0],
                front_line["riverside"]["district"][1],
            ],
        ),
        (
            "volunteer-leads",
            "Family Hub Volunteer Leads Network",
            "vcs-alliance",
            "quarterly",
            [
                county["volunteers"][0],
                *(front_line[loc]["homestart"][0] for loc in LOCALITIES),
                front_line["millford"]["housing"][0],
            ],
        ),
    ]
    for ident, name, parent, frequency, people in networks:
        c.meeting(
            ident, name, "practitioner", frequency, 90, [people[0]], people[1:], reports_to=parent
        )
    c.meeting(
        "faith-network",
        "Faith and Community Network",
        "practitioner",
        "bimonthly",
        90,
        [pritchard],
        faith,
        informs=["vcs-alliance"],
        purpose="Churches, the mosque's community trust and other faith groups that support "
        "families.",
    )

    # Commissioning: public health commissions the 0-19 service, the council the voluntary
    # sector's family hub services, the ICB the NHS providers.
    c.tie("hcc-public-health", "community-trust", "commissioning", "collaborate")
    c.tie("hcc-public-health", "active-harrowdale", "commissioning", "coordinate")
    for provider in ("homestart", "brightpath", "little-steps"):
        c.tie("hcc-family-hubs", provider, "commissioning", "coordinate")
    c.tie("hcc", "safe-haven", "commissioning", "coordinate")
    for provider in ("community-trust", "mh-trust", "acute-trust"):
        c.tie("icb", provider, "commissioning", "coordinate")
    c.tie("hcc", "icb", "partnership_agreement", "collaborate")
    c.tie("police", "hcc-social-care", "information_sharing", "coordinate")
    c.tie("community-trust", "hcc-family-hubs", "information_sharing", "collaborate")
    c.tie("hcc", "parent-forum", "funding", "coordinate")

    return {
        "version": 2,
        "name": "Harrowdale Best Start Partnership",
        "localities": [
            {"id": loc, "name": f"{place} family hub area"}
            for loc, (place, _, _) in LOCALITIES.items()
        ],
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
        # The board's own answers, some of which the map questions (a yes to visible leaders
        # while the accountable leader leaves with no one named to follow).
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
    body = dump_map(partnership)
    # The kind of partnership is its default, which the writer leaves out; the example says it.
    name = f"name: {partnership.name}\n"
    assert name in body
    body = body.replace(name, f"{name}type: {partnership.type}\n", 1)
    return (
        "# yaml-language-server: $schema=../docs/map.schema.json\n"
        "# An invented county partnership, written by examples/build_county.py.\n#\n"
        + header
        + "\n"
        + body
    )


if __name__ == "__main__":
    target = Path(__file__).with_name("county.yaml")
    target.write_text(county_yaml(), encoding="utf-8")
    print(f"wrote {target}")
