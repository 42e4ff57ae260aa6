"""AppTest for every page: it opens on the county example with nothing to configure, and each
page does its job without a traceback. What a person sees in a browser is in test_browser.py."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapper import Partnership, load_map, parse_map
from mapper.app_state import AppState
from mapper.render.tables import load_by_person
from mapper.sheets.export import tables_workbook
from mapper.store import FolderStore
from mapper.workspace import open_map, versions
from tests.conftest import MINIMAL, ROOT, shown

APP = str(ROOT / "streamlit_app.py")
#: Every page the app declares with st.navigation, in its order (Home first).
PAGES = re.findall(r'st\.Page\("([^"]+)"', Path(APP).read_text(encoding="utf-8"))
HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"


def session(
    partnership: Partnership | None = None,
    source: str = "",
    *,
    workspace: Path | str = "maps",
    file: Path | None = None,
    load_error: str | None = None,
) -> AppState:
    """An app state as a page finds it: a map shown from `source`, or the workspace `file`
    opened from its folder, or no map and `load_error`; with no map nor error, the app
    opens the county example as a fresh session does."""
    state = AppState(store=FolderStore(workspace))
    if file is not None:
        store = FolderStore(file.parent)
        opened = store.open(file.name)
        state.show(
            opened.partnership, file.name, store=store, name=file.name, version=opened.version
        )
    elif partnership is not None or load_error is not None:
        state.show(partnership, source, error=load_error)
    return state


def app(page: str | None = None, state: AppState | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if state is not None:
        at.session_state["app"] = state
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def by_label(elements, label: str):
    return next(e for e in elements if e.label == label)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


# Home


def test_home_opens_the_county_example_and_shows_its_counts():
    at = app()
    assert at.title[0].value == "Harrowdale Best Start Partnership"
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Organisations"], shown["People"], shown["Meetings"]) == ("45", "300", "60")
    urgent = " ".join(m.value for m in at.markdown)
    assert "Early Help Partnership Group and Family Support Steering Group have largely" in urgent
    assert at.subheader[-1].value.startswith("Needs attention now (7 of ")


def test_home_opens_the_small_example():
    at = app()
    by_label(at.selectbox, "Bundled example").set_value("Small example (10 people)")
    button(at, "Open example").click()
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["People"] == "10"


def test_a_bad_upload_shows_its_problems_and_keeps_the_open_map():
    at = app()
    at.file_uploader[0].set_value(
        ("broken.yaml", b"version: 1\nname: [unclosed\n", "application/x-yaml")
    )
    at.run()
    button(at, "Open uploaded file").click()
    at.run()
    assert not at.exception
    assert shown(at.error[0].value).startswith("broken.yaml could not be opened")
    assert "broken.yaml:" in at.code[0].value
    assert at.title[0].value == "Harrowdale Best Start Partnership"


def test_a_good_upload_becomes_the_map():
    at = app()
    at.file_uploader[0].set_value(("mine.yaml", MINIMAL.encode(), "application/x-yaml"))
    at.run()
    button(at, "Open uploaded file").click()
    at.run()
    assert at.title[0].value == "Test partnership"


def test_a_workspace_file_opens(tmp_path: Path):
    (tmp_path / "ours.yaml").write_text(MINIMAL, encoding="utf-8")
    at = app(state=session(workspace=tmp_path))
    assert by_label(at.selectbox, "Map file").value == "ours.yaml"
    button(at, "Open from workspace").click()
    at.run()
    assert at.title[0].value == "Test partnership"
    state = at.session_state["app"]
    assert (state.map_store, state.map_name) == (FolderStore(tmp_path), "ours.yaml")
    assert state.version == open_map(tmp_path / "ours.yaml").digest


def test_a_workspace_folder_that_cannot_be_used_is_said_so(tmp_path: Path):
    at = app()
    folder = by_label(at.text_input, "Folder")
    folder.set_value("maps\x00elsewhere").run()
    assert not at.exception
    assert any("cannot hold a NUL character" in shown(e.value) for e in at.error)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o000)
    try:
        by_label(at.text_input, "Folder").set_value(str(locked)).run()
        assert not at.exception
        if os.geteuid() != 0:  # root reads any folder
            assert any("cannot be read" in shown(e.value) for e in at.error)
    finally:
        locked.chmod(0o700)
    assert at.title[0].value == "Harrowdale Best Start Partnership"


def test_a_hostile_map_name_is_shown_as_text_not_markup():
    hostile = "**bold** [link](http://example.com) <img src=x onerror=alert(1)>"
    at = app(
        state=session(
            parse_map(MINIMAL.replace("Test partnership", f"'{hostile}'")), "hostile.yaml"
        )
    )
    title = at.title[0].value
    assert "\\*\\*bold\\*\\*" in title and "\\[link\\]" in title and "\\<img" in title


def test_with_no_map_every_page_says_so_and_shows_the_problems():
    for page in [None, *PAGES[1:]]:
        at = app(page, session(load_error="county.yaml:3: version: should be 1"))
        assert at.error[0].value == "No map is open."
        assert at.code[0].value == "county.yaml:3: version: should be 1"


# Map


def map_page(at: AppTest) -> str:
    """The map page the Map page draws (in the frame of its drawing component)."""
    return json.loads(at.get("bidi_component")[0].proto.json)["page"]


def map_data(at: AppTest) -> dict:
    """The data the Map page's map draws (the page's JSON data element)."""
    page = map_page(at)
    start = page.index('<script type="application/json" id="mapper-data">')
    text = page[page.index(">", start) + 1 : page.index("</script>", start)]
    return json.loads(text)


def test_the_map_page_draws_the_organisations_view_offline():
    at = app("pages/map.py")
    page = map_page(at)
    assert "Harrowdale Constabulary" in page and "vis.Network" in page
    assert "default-src 'none'" in page


def test_the_map_filters_by_sector_and_switches_view():
    at = app("pages/map.py")
    by_label(at.multiselect, "Sectors").set_value(["health"])
    at.run()
    assert "Harrowdale Constabulary" not in map_page(at)
    by_label(at.segmented_control, "View").set_value("governance")
    by_label(at.multiselect, "Sectors").set_value([])
    at.run()
    assert "Best Start Family Hubs Board" in map_page(at)


def test_the_people_view_opens_on_a_focus_and_a_route_is_listed_and_drawn():
    at = app("pages/map.py")
    by_label(at.segmented_control, "View").set_value("people").run()
    focus = by_label(at.selectbox, "Focus on (the people view)")
    assert focus.value  # not everyone: the organisation that brokers most
    assert map_page(at).count('"id": ') < 200  # of 405 nodes in all
    by_label(at.selectbox, "How does").set_value("ashby-academy").run()
    by_label(at.selectbox, "reach").set_value("police").run()
    assert not at.exception
    listed = [t.value for t in at.text if "→" in t.value]
    assert any(line.startswith("1. Ashby Academy → ") for line in listed)
    assert any("shortest route" in line and "Harrowdale Constabulary" in line for line in listed)
    assert '"on_route": true' in map_page(at)
    by_label(at.multiselect, "Localities").set_value(["millford"]).run()
    by_label(at.selectbox, "How does").set_value("").run()
    by_label(at.segmented_control, "View").set_value("governance").run()
    assert "Ashby Locality Leadership Team" not in map_page(at)
    assert "Millford Locality Leadership Team" in map_page(at)


def test_a_finding_chosen_on_the_findings_page_is_highlighted_on_the_map():
    at = app("pages/findings.py")
    assert not [b for b in at.button if b.label == "Show on the map"]  # evidence when asked
    # the organisation cut off if the CVS withdrew, in the list by kind
    next(
        b for b in at.button if re.fullmatch(r"gkcritical_organisation_\w+_evidence", b.key)
    ).click()
    at.run()
    assert len(at.dataframe) == 2  # the finding's evidence, and the action plan
    button(at, "Show on the map").click()
    at.run()
    assert not at.exception
    highlight = at.session_state["app"].highlight
    assert highlight
    assert '"highlighted": true' in map_page(at)
    at.switch_page("pages/map.py").run()  # where AppTest runs next (st.switch_page took it)
    chosen = by_label(at.selectbox, "Highlight the subjects of a finding")
    assert chosen.value >= 0  # the map page shows which finding is highlighted
    button(at, "Clear highlight").click()
    at.run()
    assert at.session_state["app"].highlight == () and '"highlighted": true' not in map_page(at)


def test_presentation_mode_enlarges_labels():
    at = app("pages/map.py")
    by_label(at.toggle, "Presentation mode").set_value(True)
    at.run()
    assert '"font_px": 22' in map_page(at)


# Findings


def test_findings_are_grouped_and_filtered_and_the_plan_downloads():
    at = app("pages/findings.py")
    groups = [e.label for e in at.expander]
    assert "Single point of failure: 1 high" in groups
    by_label(at.multiselect, "Severity").set_value(["high"])
    at.run()
    assert all(g.endswith(" high") for g in (e.label for e in at.expander))
    assert at.get("download_button")


def what_to_do(at: AppTest) -> int:
    return sum("What to do" in m.value for m in at.markdown)


def test_findings_list_a_few_of_each_kind_and_more_on_request_without_evidence_tables():
    at = app("pages/findings.py")
    links = next(e for e in at.expander if e.label.startswith("Missing operational link"))
    assert links.label == "Missing operational link: 2 medium"  # one per organisation
    assert [d.key for d in at.dataframe] == ["plan_editor"]  # no evidence until asked
    # A strict threshold gives one kind many findings: 45 people above 5 hours a month.
    county = load_map(ROOT / "examples" / "county.yaml")
    strict = county.with_sections(
        settings=county.settings.model_copy(update={"load_hours_per_month": 5})
    )
    at = app("pages/findings.py", session(strict, "county.yaml"))
    load = next(e for e in at.expander if e.label.startswith("Heavy meeting load"))
    assert load.label == "Heavy meeting load: 45 medium"
    listed = what_to_do(at)
    button(at, "Show 20 more (40 not listed)").click()
    at.run()
    assert what_to_do(at) == listed + 20
    assert "Show 20 more (20 not listed)" in [b.label for b in at.button]
    by_label(at.multiselect, "Severity").set_value(["high"])
    at.run()
    assert all(e.label.endswith(" high") for e in at.expander)
    by_label(at.multiselect, "Severity").set_value(["high", "medium", "low"])
    at.run()
    assert what_to_do(at) == listed + 20  # what was listed stays listed


def test_findings_headings_count_every_severity_and_the_info_findings_are_explained():
    county = load_map(ROOT / "examples" / "county.yaml")
    # a strict load threshold gives organisations findings of several severities
    strict = county.with_sections(
        settings=county.settings.model_copy(update={"load_hours_per_month": 5})
    )
    at = app("pages/findings.py", session(strict, "county.yaml"))
    by_label(at.radio, "Group by").set_value("organisation")
    at.run()
    headings = [e.label for e in at.expander]
    mixed = [h for h in headings if "(" in h and "," in h.rsplit("(", 1)[1]]
    assert mixed, headings  # an organisation with findings of two severities or more
    for heading in mixed:
        counts = re.findall(r"(\d+) (high|medium|low)", heading.rsplit("(", 1)[1])
        total = int(re.search(r": (\d+) \(", heading)[1])
        assert sum(int(n) for n, _ in counts) == total, heading
    (note,) = [i.value for i in at.info if "information finding" in i.value]
    assert note.startswith("11 information findings not listed (9 connector,")
    by_label(at.multiselect, "Severity").set_value(["high", "medium", "low", "info"])
    at.run()
    assert not [i for i in at.info if "information finding" in i.value]


def test_a_finding_set_aside_with_a_reason_leaves_the_list_and_is_kept_in_the_map():
    at = app("pages/findings.py")
    state = at.session_state["app"]
    first = state.diagnosis().first(1)[0]
    assert not [r for r in at.radio if r.label == "Decision"]  # drawn when asked
    decide = next(b for b in at.button if b.label == "Decide")
    prefix = decide.key.removesuffix("_decide")
    decide.click()
    at.run()
    at.radio(key=f"{prefix}_decision").set_value("set_aside")
    at.button(key=f"{prefix}_record").click()
    at.run()
    assert at.error[0].value == "a finding set aside needs a reason, so the next workshop knows why"
    assert state.partnership.decisions == ()
    at.radio(key=f"{prefix}_decision").set_value("set_aside")
    at.text_input(key=f"{prefix}_reason").set_value("The board chose this on purpose")
    at.button(key=f"{prefix}_record").click()
    at.run()
    assert not at.exception
    (decision,) = state.partnership.decisions
    assert (decision.kind, decision.subjects, decision.decision) == (
        first.kind,
        first.subjects,
        "set_aside",
    )
    assert state.unsaved  # an ordinary change: a draft until saved
    assert first.title not in [f.title for f in state.diagnosis().first(10)]
    folded = by_label(at.expander, "Set aside by the partnership (1)")
    assert any("The board chose this on purpose" in m.value for m in folded.markdown)
    assert "Save the map" in [h.value for h in at.header]
    button(at, "Open it again").click()
    at.run()
    assert state.partnership.decisions == ()
    assert not [e for e in at.expander if e.label.startswith("Set aside by the partnership")]


def test_owner_and_due_date_are_edited_in_the_action_plan_and_kept_as_a_decision():
    at = app("pages/findings.py")
    state = at.session_state["app"]
    plan = state.derived("action_plan", lambda p: None)
    assert plan[0]["owner"] == "" and plan[0]["status"] == "not started"
    at.session_state["plan_editor"] = {
        "edited_rows": {0: {"owner": "Jo Bloggs", "due by": "2027-03-31"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    button(at, "Keep the owners and dates").click()
    at.run()
    assert not at.exception
    (decision,) = state.partnership.decisions
    assert (decision.decision, decision.owner, decision.due.isoformat()) == (
        "accepted",
        "Jo Bloggs",
        "2027-03-31",
    )
    plan = state.derived("action_plan", lambda p: None)
    assert (plan[0]["owner"], plan[0]["due by"], plan[0]["status"]) == (
        "Jo Bloggs",
        "2027-03-31",
        "agreed",
    )
    assert any("Accepted, owner Jo Bloggs, due 31 Mar 2027" in m.value for m in at.markdown)


def test_a_decision_that_no_longer_applies_is_shown_and_can_be_removed():
    county = load_map(ROOT / "examples" / "county.yaml")
    county = county.with_sections(
        decisions=[
            {
                "kind": "vacancy",
                "subjects": ["someone-gone"],
                "decision": "set_aside",
                "reason": "Filled",
            }
        ]
    )
    at = app("pages/findings.py", session(county, "county.yaml"))
    gone = by_label(at.expander, "Decisions that no longer apply (1)")
    assert any("Filled" in m.value for m in gone.markdown)
    button(at, "Remove the decision").click()
    at.run()
    assert at.session_state["app"].partnership.decisions == ()


# Meetings


def test_meetings_page_shows_seating_duplicates_load_and_tree():
    at = app("pages/meetings.py")
    assert len(at.tabs) == 4
    assert any("Early Help Partnership Group" in s.value for s in at.subheader)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_meeting_load_is_sorted_by_hours_with_every_bar_labelled():
    at = app("pages/meetings.py")
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    people = json.loads(charts[0].proto.spec)
    bars = people["layer"][0]["encoding"]["y"]
    assert bars["sort"] is None and bars["axis"]["labelOverlap"] is False
    assert people["height"] == {"step": 28}  # a row for every bar, so no label is dropped
    rows = load_by_person(at.session_state["app"].analysis())
    hours = [r["hours a month"] for r in rows]
    assert hours == sorted(hours, reverse=True) and len(rows) == 25
    assert len({r["person"] for r in rows}) == 25


def test_who_sits_where_filters_to_what_matters():
    at = app("pages/meetings.py")
    everyone = at.tabs[0].dataframe[0].value
    assert list(everyone.columns[:3]) == ["person", "organisation", "meetings"]
    assert (everyone["meetings"].astype(int) >= 2).all()  # by default, people who link
    assert list(everyone["meetings"].astype(int)) == sorted(
        everyone["meetings"].astype(int), reverse=True
    )
    by_label(at.toggle, "Only people in 2+ meetings").set_value(False).run()
    assert len(at.tabs[0].dataframe[0].value) > len(everyone)
    by_label(at.multiselect, "Organisations").set_value(["police"]).run()
    police = at.tabs[0].dataframe[0].value
    assert set(police["organisation"]) == {"Harrowdale Constabulary"}
    assert len(police.columns) < len(everyone.columns)  # meetings with nobody shown go
    by_label(at.multiselect, "People's level").set_value(["family"]).run()
    assert not at.tabs[0].dataframe  # the governance tree's table is in its own tab
    assert at.tabs[0].info[0].value.startswith("Nobody matches these choices")


# Stakeholders

STAKEHOLDERS = ROOT / "tests" / "data" / "stakeholders.yaml"


def test_stakeholders_without_the_fields_explains_how_to_record_them_and_shows_the_fields():
    at = app("pages/stakeholders.py")  # the county example records none
    assert at.info[0].value.startswith("This map records no one's influence, interest or stance")
    fields = {s.label: s for s in at.selectbox}
    assert list(fields) == [
        "Influence: how much they can shape the partnership's work",
        "Interest: how much the partnership's work matters to them",
        "Stance on the change",
    ]
    assert all(s.disabled for s in fields.values())  # shown as on the form, not a form
    assert fields["Stance on the change"].options == [
        "(none)",
        "champion",
        "supporter",
        "neutral",
        "sceptic",
    ]
    assert "influence: high, interest: low, stance: sceptic" in at.code[0].value
    assert not at.get("image") and not at.dataframe


def test_stakeholders_draws_the_grid_the_findings_and_everyone_rated():
    at = app("pages/stakeholders.py", session(load_map(STAKEHOLDERS), "stakeholders.yaml"))
    (grid,) = at.get("image")
    assert at.caption[1].value.startswith("22 on the grid.")
    assert "2 more record a stance or one rating only" in at.caption[1].value
    download = at.get("download_button")[0]
    assert download.label == "Download the grid as PNG"
    said = " ".join(shown(m.value) for m in at.markdown)
    assert "Eastmere Constabulary is a sceptic with high influence" in said
    assert "Cllr Siân Morgan (Eastmere County Council) has high influence" in said
    assert "a champion of the change, is the only link" in said
    rows = at.dataframe[0].value
    assert len(rows) == 24
    police = rows[rows["name"] == "Eastmere Constabulary"].iloc[0]
    assert (police["quarter"], police["stance"]) == ("Keep satisfied", "sceptic")
    assert "Zoë Adeyemi (Eastmere County Council)" in set(rows["name"])
    jobs = rows[rows["name"] == "Jobcentre Plus"].iloc[0]
    assert (jobs["quarter"], jobs["influence"]) == ("not on the grid", "not recorded")


def test_stakeholders_with_a_stance_alone_places_no_one_and_lists_what_is_recorded():
    text = MINIMAL.replace("version: 1", "version: 2").replace(
        "sector: local_authority}", "sector: local_authority, stance: champion}"
    )
    at = app("pages/stakeholders.py", session(parse_map(text), "stance.yaml"))
    assert at.info[0].value.startswith("No one records both influence and interest")
    assert not at.get("image")
    assert list(at.dataframe[0].value["quarter"]) == ["not on the grid"]


def test_stakeholders_shows_hostile_names_as_text_on_the_grid_and_in_the_findings():
    hostile = load_map(HOSTILE)
    rated = {"influence": "high", "interest": "low", "stance": "sceptic"}
    eve = {"id": "eve", "name": "[x](http://example.com) **Eve** $x^{2$", "level": "operational"}
    hostile = hostile.model_copy(update={"version": 2}).with_sections(
        organisations=[o.model_copy(update=rated) for o in hostile.organisations],
        people=[*hostile.people, {**eve, "organisation": "evil-org", **rated}],
    )
    at = app("pages/stakeholders.py", session(hostile, "hostile.yaml"))
    assert at.get("image")  # drawn: `$x^{2$` is a name, not a formula
    said = [m.value for m in at.markdown]
    assert len(said) == 2  # eve, away from the table and met by no one
    for value in said:
        assert "\\[x\\]" in value and "\\*\\*Eve\\*\\*" in value and "](http" not in value
    assert "\\<img" in said[0]  # her organisation's name, escaped


# What if


def test_what_if_a_single_point_of_failure_leaves_shows_who_is_cut_off():
    county = load_map(ROOT / "examples" / "county.yaml")
    from mapper.diagnosis import diagnose

    person = diagnose(county).of_kind("single_point_of_failure")[0].subjects[0]
    at = app("pages/whatif.py")
    by_label(at.multiselect, "People who leave").set_value([person])
    at.run()
    assert not at.exception
    assert int({m.label: m.value for m in at.metric}["Organisations cut off"]) >= 1
    assert at.get("iframe")


# Edit


def fill(at: AppTest, values: dict[str, object]) -> None:
    for widget in [*at.text_input, *at.selectbox, *at.multiselect]:
        if widget.label.rstrip(" *") in values:
            widget.set_value(values[widget.label.rstrip(" *")])


def test_edit_add_a_person_save_and_reload(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    at = app("pages/edit.py", session(file=target))
    by_label(at.radio, "What to edit").set_value("people")
    at.run()
    fill(at, {"Name": "Cara Doyle", "Organisation": "trust", "Level": "practitioner"})
    at.run()
    button(at, "Save this person").click()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["app"].partnership.person_by_id["cara-doyle"].name == "Cara Doyle"
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    assert at.success and "Saved ours.yaml" in shown(at.success[0].value)
    assert not any("not saved" in w.value for w in at.warning)
    assert open_map(target).partnership.person_by_id["cara-doyle"].level == "practitioner"
    assert len(versions(target)) == 1


def test_edit_adds_a_locality_and_a_vacant_post_and_the_file_becomes_version_2(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    at = app("pages/edit.py", session(file=target))
    by_label(at.radio, "What to edit").set_value("localities")
    at.run()
    fill(at, {"Name": "North locality"})
    button(at, "Save this locality").click()
    at.run()
    assert not at.exception and not at.error
    by_label(at.radio, "What to edit").set_value("people")
    at.run()
    fill(at, {"Id (left empty, it is made from the name)": "dph", "Organisation": "trust"})
    fill(at, {"Level": "strategic", "Job title": "Director of Public Health"})
    fill(at, {"Locality": "north-locality"})
    by_label(at.checkbox, "Vacant: a post nobody holds").check()
    at.run()
    button(at, "Save this person").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    partnership = at.session_state["app"].partnership
    dph = partnership.person_by_id["dph"]
    assert dph.vacant and dph.name is None and dph.locality == "north-locality"
    assert partnership.version == 2
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    assert target.read_text(encoding="utf-8").startswith("version: 2\n")
    assert open_map(target).partnership == partnership


def test_edit_rates_an_organisation_and_the_stakeholders_page_places_it(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    at = app("pages/edit.py", session(file=target))
    by_label(at.selectbox, "Choose a organisation").set_value("trust")
    at.run()
    fill(
        at,
        {
            "Influence: how much they can shape the partnership's work": "high",
            "Interest: how much the partnership's work matters to them": "medium",
            "Stance on the change": "sceptic",
        },
    )
    at.run()
    button(at, "Save this organisation").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    partnership = at.session_state["app"].partnership
    trust = partnership.organisation_by_id["trust"]
    assert (trust.influence, trust.interest, trust.stance) == ("high", "medium", "sceptic")
    assert partnership.version == 2  # a version 2 field makes the map version 2
    at.switch_page("pages/stakeholders.py").run()
    assert not at.exception and at.get("image")
    assert list(at.dataframe[0].value["quarter"]) == ["Keep satisfied"]


def test_an_earlier_version_is_put_back_from_the_save_panel(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    at = app("pages/edit.py", session(file=target))
    assert not [b for b in at.button if b.label == "Put this version back"]  # none yet
    fill(at, {"Name": "Ashby Trust", "Sector": "health"})
    at.run()
    button(at, "Save this organisation").click()
    at.run()
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    assert "Ashby Trust" in target.read_text(encoding="utf-8")
    assert by_label(at.selectbox, "Version").value  # the version the save replaced
    button(at, "Put this version back").click()
    at.run()
    assert not at.exception
    assert any("Put back the version of ours.yaml" in shown(s.value) for s in at.success)
    assert target.read_text(encoding="utf-8") == MINIMAL
    assert "Ashby Trust" not in {o.name for o in at.session_state["app"].partnership.organisations}
    assert len(versions(target)) == 2  # the save it undid is kept too


def test_a_refused_record_shows_the_message_by_the_field_and_keeps_what_was_typed():
    at = app("pages/edit.py", session(parse_map(MINIMAL)))
    by_label(at.radio, "What to edit").set_value("people")
    at.run()
    fill(
        at,
        {
            "Id (left empty, it is made from the name)": "ben-cole",
            "Name": "Second Ben",
            "Organisation": "trust",
            "Level": "operational",
        },
    )
    at.run()
    button(at, "Save this person").click()
    at.run()
    assert any("ben-cole" in e.value.replace("\\", "") for e in at.error)  # escaped markdown
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/edit.py").run()
    assert by_label(at.text_input, "Name").value == "Second Ben"


def test_saving_over_a_file_changed_by_someone_else_is_refused(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    at = app("pages/edit.py", session(file=target))
    target.write_text(MINIMAL.replace("Test partnership", "Theirs"), encoding="utf-8")
    fill(at, {"Name": "Ashby Trust", "Sector": "health"})
    at.run()
    button(at, "Save this organisation").click()
    at.run()
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    assert any("changed by someone else" in e.value for e in at.error)
    assert open_map(target).partnership.name == "Theirs"


def test_deleting_a_referenced_person_asks_and_hands_the_chair_on():
    at = app("pages/edit.py", session(parse_map(MINIMAL)))
    by_label(at.radio, "What to edit").set_value("people")
    at.run()
    by_label(at.selectbox, "Choose a person").set_value("amara-okafor")
    at.run()
    by_label(at.toggle, "Delete this person…").set_value(True)
    at.run()
    assert "1 other records mention it" in at.warning[0].value
    by_label(at.radio, "What should happen to those mentions?").set_value("Hand them to another")
    at.run()
    button(at, "Delete").click()
    at.run()
    assert not at.exception
    board = at.session_state["app"].partnership.meeting_by_id["board"]
    assert board.chairs == ("ben-cole",)


@pytest.mark.parametrize(
    "page",
    [
        "pages/map.py",
        "pages/findings.py",
        "pages/meetings.py",
        "pages/stakeholders.py",
        "pages/whatif.py",
        "pages/compare.py",
        "pages/assessment.py",
        "pages/edit.py",
        "pages/import_sheets.py",
    ],
)
def test_every_page_survives_the_hostile_map(page: str):
    at = app(page, session(load_map(HOSTILE), "hostile.yaml"))
    assert not at.exception


# Findings: the report


def test_findings_offers_the_report_as_html_and_pdf():
    at = app("pages/findings.py")
    assert "Report for the board" in [h.value for h in at.header]
    downloads = [d for d in at.get("download_button")]
    labels = [d.proto.label for d in downloads]
    assert "Download the report (HTML, opens offline)" in labels
    assert "Download the report (PDF)" in labels
    assert not [c for c in at.caption if "not in the report's font" in c.value]
    full = by_label(
        at.toggle, "Full report: every finding in full, and every self-assessment statement"
    )
    assert full.value is False  # short unless asked
    full.set_value(True).run()
    assert not at.exception


def test_findings_warns_before_a_pdf_that_would_leave_letters_blank():
    at = app(
        "pages/findings.py",
        session(parse_map(MINIMAL.replace("name: Amara Okafor", "name: সুমি Okafor"))),
    )
    assert [
        c
        for c in at.caption
        if c.value.startswith("Some letters in this map (স ু ম ি) are not in the report's")
    ]


# Self-assessment


def test_assessment_answers_change_the_map_and_are_saved(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    # roles recorded (a senior sponsor), so the data lead nobody holds is missing
    sponsor = "level: operational, roles: [senior_sponsor], deputy: amara-okafor}"
    target.write_text(MINIMAL.replace("level: operational}", sponsor, 1), encoding="utf-8")
    at = app("pages/assessment.py", session(file=target))
    assert [h.value for h in at.header][:3] == [
        "Leading change",
        "System leadership",
        "Collective impact",
    ]
    assert len(at.radio) == 17
    at.text_input(key="note_shared_measurement").set_value("Zoë keeps a dashboard")
    at.radio(key="answer_shared_measurement").set_value("yes")
    at.run()
    assert not at.exception
    answer = at.session_state["app"].partnership.assessment["shared_measurement"]
    assert (answer.answer, answer.note) == ("yes", "Zoë keeps a dashboard")
    # The map names no data lead: it questions the yes, beside the statement.
    assert any("You answered yes" in w.value for w in at.warning)
    assert any("No one is named as data" in m.value for m in at.markdown)
    impact = {m.label: m for m in at.metric}["Collective impact"]
    assert impact.value == "100%"
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    saved = open_map(target).partnership
    assert saved.assessment["shared_measurement"].note == "Zoë keeps a dashboard"


def test_assessment_refuses_a_note_with_a_control_character_and_keeps_the_map():
    at = app("pages/assessment.py", session(parse_map(MINIMAL)))
    at.radio(key="answer_clear_story").set_value("partly")
    at.run()
    at.text_input(key="note_clear_story").set_value("bad \u202e note")
    at.run()
    assert not at.exception
    assert any("The note was not kept" in e.value for e in at.error)
    assert at.session_state["app"].partnership.assessment["clear_story"].note is None


def read_questionnaire(at: AppTest, sheet: str) -> None:
    at.file_uploader(key="answers_files").set_value(
        [("self-assessment.csv", sheet.encode("utf-8"), "text/csv")]
    )
    at.run()
    button(at, "Read the answers").click()
    at.run()
    assert not at.exception


def test_answers_read_from_a_questionnaire_sheet_change_the_map_and_the_radios():
    at = app("pages/assessment.py", session(parse_map(MINIMAL)))
    at.radio(key="answer_clear_story").set_value("partly")
    at.run()
    read_questionnaire(
        at, "id,statement,answer,note\nclear_story,,yes,Agreed in May\ndeveloping_leaders,,,\n"
    )
    assert at.session_state["app"].partnership.assessment["clear_story"].note == "Agreed in May"
    assert at.radio(key="answer_clear_story").value == "yes"
    assert at.text_input(key="note_clear_story").value == "Agreed in May"
    assert any(
        s.value.startswith("Read 1 answers; 1 changed the map (clear story)") for s in at.success
    )
    assert at.session_state["app"].unsaved


def test_a_bad_questionnaire_row_is_named_and_changes_nothing():
    at = app("pages/assessment.py", session(parse_map(MINIMAL)))
    read_questionnaire(at, "id,answer\nclear_storey,yes\n")
    assert at.error[0].value.startswith("Nothing was read")
    listed = [m.value for m in at.markdown if m.value.startswith("- self\\-assessment")]
    assert "row 2, column id\\: 'clear\\_storey' is not a statement" in listed[0]
    assert at.session_state["app"].partnership.assessment == {}


# Import

TEMPLATES = ROOT / "examples" / "templates"


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> None:
    at.file_uploader[0].set_value([(name, data, "text/csv") for name, data in files])
    at.run()
    button(at, "Read the spreadsheets").click()
    at.run()
    assert not at.exception


def test_import_the_templates_and_open_the_map(tmp_path: Path):
    at = app("pages/import_sheets.py", session(workspace=tmp_path))
    upload(at, [(p.name, p.read_bytes()) for p in sorted(TEMPLATES.glob("*.csv"))])
    assert at.success[0].value.startswith("Read 7 organisations, 10 people, 4 meetings")
    button(at, "Open this map").click()
    at.run()
    assert not at.exception
    assert at.session_state["app"].partnership.person_by_id["sam-patel"].name == "Sam Patel"
    assert at.session_state["app"].unsaved
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    assert [p.name for p in tmp_path.glob("*.yaml")] == ["imported-partnership.yaml"]


def test_a_map_exported_from_the_page_comes_back_with_its_self_assessment():
    at = app("pages/import_sheets.py")
    county = at.session_state["app"].partnership
    upload(at, [("county.xlsx", tables_workbook(county))])
    assert at.success[0].value.startswith("Read 45 organisations, 300 people, 60 meetings")
    button(at, "Open this map").click()
    at.run()
    assert at.session_state["app"].partnership.assessment == county.assessment != {}
    assert at.session_state["app"].partnership.settings == county.settings


def test_import_problems_are_listed_by_sheet_row_and_column():
    at = app("pages/import_sheets.py")
    files = [(p.name, p.read_bytes()) for p in sorted(TEMPLATES.glob("*.csv"))]
    files = [
        (n, d.replace(b",strategic,", b",strat,", 1) if n == "people.csv" else d) for n, d in files
    ]
    upload(at, files)
    assert at.error[0].value.startswith("1 problem: nothing was imported")
    listed = [m.value for m in at.markdown if "row 2, column level" in m.value]
    assert listed and listed[0].startswith("- people")
    assert "'strat' is not allowed" in listed[0]
    assert at.title[0].value == "Import from spreadsheets"
    assert at.session_state["app"].partnership.name == "Harrowdale Best Start Partnership"


def test_the_server_does_not_watch_the_source_files():
    """A developer's rerun-on-save walks every loaded module at the end of each new session's
    first run, on the server's event loop, holding up every other session's messages."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"


def test_the_pages_cite_guidance_by_title_not_seed_file():
    seed_file = re.compile(r"\d{3}_[0-9a-f]{16}")
    for page in ("pages/findings.py", "pages/assessment.py"):
        at = app(page)
        if page == "pages/findings.py":
            button(at, "Show the evidence").click()
            at.run()
        texts = [e.value for e in (*at.markdown, *at.caption, *at.info)]
        assert not [t for t in texts if seed_file.search(t)], page
        assert any("Leadership of family hubs" in t or "Collaborative" in t for t in texts), page


# The stable map: changes marked on the map, and the Compare page (issue 14)


def _with_newcomer(p: Partnership) -> Partnership:
    from mapper.model import Person

    meeting = p.meetings[0]
    newcomer = Person(id="newcomer", name="Nia Newcomer", level="family")
    return p.with_sections(
        people=(*p.people, newcomer),
        meetings=(meeting.model_copy(update={"members": (*meeting.members, "newcomer")}),)
        + p.meetings[1:],
    )


def test_the_map_marks_and_lists_what_changed_since_it_was_opened():
    state = session(load_map(ROOT / "examples" / "small.yaml"), "small")
    at = app("pages/map.py", state)
    assert '"changed": true' not in map_page(at)
    state.change(_with_newcomer(state.partnership))
    by_label(at.segmented_control, "View").set_value("people")
    by_label(at.selectbox, "Focus on (the people view)").set_value("").run()  # everyone
    page = map_page(at)
    marked = {n["id"] for n in map_data(at)["nodes"] if n["changed"]}
    assert marked == {"newcomer", state.partnership.meetings[0].id}
    assert "added or changed since the map was opened" in page
    expander = next(e for e in at.expander if e.label.startswith("Changes since"))
    rows = expander.dataframe[0].value
    assert ("person", "Nia Newcomer", "added") in set(map(tuple, rows.values.tolist()))
    by_label(at.button, "Mark changes from now (take a snapshot)").click().run()
    assert '"changed": true' not in map_page(at)
    assert "the snapshot of" in next(e.label for e in at.expander if e.label.startswith("Changes"))


def test_the_compare_page_lists_changes_against_the_snapshot_and_a_file(tmp_path):
    small = load_map(ROOT / "examples" / "small.yaml")
    state = session(small, "small")
    at = app("pages/compare.py", state)
    assert "No change." in [m.value for m in at.markdown]
    state.change(_with_newcomer(small))
    at.run()
    assert not at.exception
    rows = set(map(tuple, at.dataframe[0].value.values.tolist()))
    assert ("person", "Nia Newcomer", "added") in rows
    assert at.subheader[0].value == "From the map as it was opened to the map open now"
    listed = [m.value for m in at.markdown if m.value.startswith("- **")]
    # The newcomer gives the Health and Wellbeing Board a family voice: the line of meetings
    # without one is shorter, the same finding changed (the review calls it still open).
    assert shown(listed[0]).splitlines() == [
        "- **changed** (medium): No parent, carer or young person sits in Best Start "
        "Partnership Board (was: No parent, carer or young person sits in Health and "
        "Wellbeing Board, nor in 1 meeting reporting to it (Best Start Partnership Board))"
    ]
    by_label(at.radio, "Compare the open map with").set_value("file").run()
    assert [i.value for i in at.info] == ["Choose what to compare the open map with."]


def test_the_compare_page_reads_a_saved_version(tmp_path):
    from mapper.save import dump_map

    small = load_map(ROOT / "examples" / "small.yaml")
    (tmp_path / "ours.yaml").write_text(dump_map(small), encoding="utf-8")
    state = session(workspace=tmp_path, file=tmp_path / "ours.yaml")
    state.change(_with_newcomer(small))
    state.save()
    at = app("pages/compare.py", state)
    by_label(at.radio, "Compare the open map with").set_value("version").run()
    assert not at.exception
    rows = set(map(tuple, at.dataframe[0].value.values.tolist()))
    assert ("person", "Nia Newcomer", "added") in rows


def test_the_compare_page_reviews_the_problems_and_figures_since_an_older_map_file():
    from mapper.save import dump_map

    small = load_map(ROOT / "examples" / "small.yaml")
    jo = small.person_by_id["jo-evans"]
    jo = jo.model_copy(update={"roles": (*jo.roles, "data_lead")})  # the data lead named
    named = small.with_sections(people=tuple(jo if p.id == jo.id else p for p in small.people))
    at = app("pages/compare.py", session(named, "small"))
    by_label(at.radio, "Compare the open map with").set_value("file").run()
    upload = ("2026-06-30 review.yaml", dump_map(small).encode(), "text/yaml")
    at.file_uploader[0].set_value([upload])
    at.run()
    assert not at.exception
    # the file by its name without the ending, as the command line names it, dated by it
    assert [shown(h.value) for h in at.subheader] == [
        "From “2026-06-30 review”, 30 June 2026 to the map open now",
        "Problems and headline figures",
    ]
    figures = at.dataframe[-1].value
    assert list(figures["headline figure"])[2] == "Person-hours spent in meetings a year"
    assert list(figures.iloc[2][["then", "now", "change"]]) == [
        "288 hours",
        "288 hours",
        "no change",
    ]
    lists = {
        m.value.split("\n")[0]: shown(m.value) for m in at.markdown if m.value.startswith("**")
    }
    assert "No one is named as data lead" in lists["**Resolved** (1)"]
    assert set(lists) == {"**Resolved** (1)", "**Still open** (7)"}  # nothing new
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == [
        "Download the report with this review (PDF)",
        "Download the report with this review (HTML)",
    ]


def test_a_map_read_back_from_its_spreadsheets_keeps_the_open_maps_picture():
    small = load_map(ROOT / "examples" / "small.yaml")
    placed = small.placed({"organisations": {"nbc": (120.0, -40.0)}})
    at = app("pages/import_sheets.py", session(placed, "small"))
    upload(at, [("small.xlsx", tables_workbook(placed))])
    assert by_label(
        at.checkbox, "Draw it where the open map draws the same organisations, people and meetings"
    ).value
    button(at, "Open this map").click()
    at.run()
    assert at.session_state["app"].partnership.layout.organisations["nbc"] == (120.0, -40.0)


def test_a_map_exported_for_another_tool_reads_back_on_the_import_page(tmp_path: Path):
    from mapper.interchange import export_bytes

    small = load_map(ROOT / "examples" / "small.yaml")
    at = app("pages/import_sheets.py", session(workspace=tmp_path))
    upload(at, [("small.graphml", export_bytes(small, "graphml"))])
    assert at.success[0].value.startswith("Read 7 organisations, 10 people, 4 meetings")
    button(at, "Open this map").click()
    at.run()
    opened = at.session_state["app"].partnership
    assert (opened.name, opened.people, opened.meetings) == (
        small.name,
        small.people,
        small.meetings,
    )


def test_a_broken_file_for_another_tool_is_a_message_on_the_import_page():
    at = app("pages/import_sheets.py")
    upload(at, [("broken.gexf", b"<gexf><graph>")])
    assert at.error[0].value.startswith("1 problem: nothing was imported")
    assert [m for m in at.markdown if "broken.gexf is not well-formed XML" in shown(m.value)]
    assert at.session_state["app"].partnership.name == "Harrowdale Best Start Partnership"
