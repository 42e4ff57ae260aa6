"""Edit: add, change and delete records through forms, then save the map to the workspace
(atomically, earlier versions kept) or download it.

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
from pages.session import change_map, current_map, kept, save_panel, through_the_app

through_the_app()

NEW = "__new__"
partnership = current_map()
st.title(f"Edit {escape_markdown(partnership.name)}")

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
if st.session_state.get("_kept", {}).get(choice_key, NEW) not in [NEW, *keys]:
    st.session_state._kept[choice_key] = NEW  # deleted since, or from another map
    st.session_state.pop(choice_key, None)
choice = st.selectbox(
    f"Choose a {SECTIONS[section]}", [NEW, *keys], format_func=describe, **kept(choice_key, NEW)
)
form_key = f"{section}:{choice}"
record = {} if choice == NEW else record_data(partnership, section, choice)
errors = st.session_state.setdefault("edit_errors", {}).get(form_key, {})


def field_key(field_name):
    return f"edit:{form_key}:{field_name}"


def forget_form(key):
    """Drop what was typed in a form, so it shows the record as the map now has it."""
    st.session_state.edit_errors.pop(key, None)
    for store in (st.session_state, st.session_state.get("_kept", {})):
        for name in [n for n in store if str(n).startswith(f"edit:{key}:")]:
            del store[name]


def save_record():
    values = record_from_values(
        section, {f.name: st.session_state[field_key(f.name)] for f in FORMS[section]}
    )
    if section != "relationships" and not values.get("id") and values.get("name"):
        values["id"] = suggest_id(values["name"], {r.id for r in records})
    try:
        changed = put_record(
            partnership, section, values, replacing=None if choice == NEW else choice
        )
    except InvalidMapError as error:
        position = len(records) if choice == NEW else keys.index(choice)
        st.session_state.edit_errors[form_key] = field_messages(error, section, position)
        return
    change_map(changed)
    forget_form(form_key)
    saved_as = values.get("id", len(records) if choice == NEW else choice)
    st.session_state[choice_key] = st.session_state._kept[choice_key] = saved_as
    forget_form(f"{section}:{saved_as}")
    st.toast("Saved to the map in this session. Save the file below to keep it.")


for field in FORMS[section]:
    key = field_key(field.name)
    remembered = kept(key, widget_value(field, record.get(field.name)))
    label = field.label + (" *" if field.required else "")
    if field.kind in ("choice", "choices"):
        options = options_for(partnership, field, st.session_state[key])
        draw = st.selectbox if field.kind == "choice" else st.multiselect
        draw(label, list(options), format_func=options.get, help=field.help or None, **remembered)
    elif field.kind == "text":
        st.text_input(label, help=field.help or None, **remembered)
    elif field.kind == "long_text":
        st.text_area(label, **remembered)
    elif field.kind == "date":
        st.date_input(label, format="YYYY-MM-DD", **remembered)
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
            change_map(delete_record(partnership, section, choice, hand_to=hand_to))
            forget_form(form_key)
            st.session_state._kept[choice_key] = NEW
            st.session_state.pop(choice_key, None)
            st.session_state.pop("edit_deleting", None)
            st.rerun()
        except InvalidMapError as error:
            st.error("Deleting it would leave the map broken, so nothing was deleted:")
            st.code(str(error), language=None)


save_panel("edit_file")
