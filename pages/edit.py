"""Edit: the workshop's quick forms (a person with their meetings, a meeting with its chair
and members; undo; saving automatically: `pages/entry.py`), then any record with every field
through its form, and saving the map to the workspace (atomically, earlier versions kept) or
downloading it.

Every field keeps what was typed (`pages.session.kept`), so it survives a rerun, a refused
save and a visit to another page.
"""

import streamlit as st

from mapper import InvalidMapError
from mapper.edit import SECTIONS, delete_record, field_messages, put_record, record_data
from mapper.edit import references_to as mentions_of
from mapper.forms import FORMS, options_for, record_from_values, suggest_id, widget_value
from mapper.render.tables import section_rows
from mapper.render.text import escape_markdown
from mapper.vocabulary import readable
from pages.entry import add_panel
from pages.session import (
    app,
    current_map,
    forget_widgets,
    kept,
    save_panel,
    set_widget,
    through_the_app,
    widget,
)

through_the_app()

NEW = "__new__"
partnership, state = current_map(), app()
st.title(f"Edit {escape_markdown(partnership.name)}")
add_panel(save_button=False)

st.header("Any record, every field")

section = st.radio(
    "What to edit",
    list(SECTIONS),
    horizontal=True,
    format_func=lambda s: readable(s).capitalize(),
    **kept("edit_section", "organisations"),
)
records = getattr(partnership, section)
with st.expander(f"All {readable(section)} ({len(records)})"):
    st.dataframe(section_rows(partnership, section), hide_index=True)
keys = list(range(len(records))) if section == "relationships" else [r.id for r in records]


def describe(key):
    if key == NEW:
        return f"➕ New {SECTIONS[section]}"
    if section == "relationships":
        r = records[key]
        return f"{r.source} → {r.target} ({readable(r.kind)})"
    return next(f"{r.label} ({r.id})" for r in records if r.id == key)


choice_key = f"edit_choice_{section}"
if state.kept.get(choice_key, NEW) not in [NEW, *keys]:
    forget_widgets([choice_key])  # deleted since, or from another map
choice = st.selectbox(
    f"Choose a {SECTIONS[section]}", [NEW, *keys], format_func=describe, **kept(choice_key, NEW)
)
form_key = f"{section}:{choice}"
record = {} if choice == NEW else record_data(partnership, section, choice)
errors = state.edit_errors.get(form_key, {})


def field_key(field_name):
    return f"edit:{form_key}:{field_name}"


def forget_form(key):
    """Drop what was typed in a form, so it shows the record as the map now has it."""
    state.edit_errors.pop(key, None)
    forget_widgets(prefix=f"edit:{key}:")


def save_record():
    values = record_from_values(
        section, {f.name: widget(field_key(f.name)) for f in FORMS[section]}
    )
    if section != "relationships" and not values.get("id") and values.get("name"):
        values["id"] = suggest_id(values["name"], {r.id for r in records})
    try:
        changed = put_record(
            partnership, section, values, replacing=None if choice == NEW else choice
        )
    except InvalidMapError as error:
        position = len(records) if choice == NEW else keys.index(choice)
        state.edit_errors[form_key] = field_messages(error, section, position)
        return
    label = values.get("name") or values.get("id")
    if section == "relationships":
        label = f"the tie {values.get('from')} → {values.get('to')}"
    state.change(changed, f"{'add' if choice == NEW else 'change'} {label}")
    forget_form(form_key)
    saved_as = values.get("id", len(records) if choice == NEW else choice)
    if isinstance(saved_as, str):  # with names hidden, a new person's id is made anew
        saved_as = state.shown_id(saved_as)
    set_widget(choice_key, saved_as)
    forget_form(f"{section}:{saved_as}")
    st.toast("Saved to the map in this session. Save the file below to keep it.")


for field in FORMS[section]:
    key = field_key(field.name)
    remembered = kept(key, widget_value(field, record.get(field.name)))
    label = field.label + (" *" if field.required else "")
    if field.kind in ("choice", "choices"):
        options = options_for(partnership, field, widget(key))
        draw = st.selectbox if field.kind == "choice" else st.multiselect
        draw(label, list(options), format_func=options.get, help=field.help or None, **remembered)
    elif field.kind == "text" and field.name == "id" and choice != NEW and state.names != "names":
        # An edit with names hidden is matched to the real map by id: keep it as it is.
        st.text_input(
            label,
            help="Show people by name (in the sidebar) to change an id.",
            disabled=True,
            **remembered,
        )
    elif field.kind == "text":
        st.text_input(label, help=field.help or None, **remembered)
    elif field.kind == "long_text":
        st.text_area(label, **remembered)
    elif field.kind == "date":
        st.date_input(label, format="YYYY-MM-DD", **remembered)
    elif field.kind == "flag":
        st.checkbox(label, help=field.help or None, **remembered)
    else:
        st.number_input(label, min_value=1, max_value=24 * 60, step=5, **remembered)
    for message in errors.get(field.name, []):
        st.error(escape_markdown(message))  # it may quote what was typed
for message in errors.get("", []):
    st.error(escape_markdown(message))

left, right = st.columns(2)
left.button("Save this " + SECTIONS[section], type="primary", on_click=save_record)
if choice != NEW and right.toggle(f"Delete this {SECTIONS[section]}…", key="edit_deleting"):
    found = mentions_of(partnership, section, choice) if section != "relationships" else []
    hand_to = None
    if found:
        st.warning(f"{len(found)} other records mention it:")
        st.dataframe(
            [{"in": f"{SECTIONS[m.section]} {m.label}", "as": readable(m.field)} for m in found],
            hide_index=True,
        )
        others = [k for k in keys if k != choice]
        how = st.radio(
            "What should happen to those mentions?",
            ["Remove them", "Hand them to another"],
            key="edit_delete_how",
        )
        if how == "Hand them to another" and others:
            hand_to = st.selectbox("Hand them to", others, format_func=describe, key="edit_hand_to")
    if st.button("Delete", type="primary"):
        try:
            state.change(
                delete_record(partnership, section, choice, hand_to=hand_to),
                f"delete {describe(choice)}",
            )
            forget_form(form_key)
            forget_widgets([choice_key, "edit_deleting"])
            st.rerun()
        except InvalidMapError as error:
            st.error("Deleting it would leave the map broken, so nothing was deleted:")
            st.code(str(error), language=None)


save_panel("edit_file")
