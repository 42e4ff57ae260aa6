"""The Best Start system mapper app: session set-up, then the pages.

Run with `streamlit run streamlit_app.py`. All logic lives in the `mapper` package; the pages
in `pages/` load, call it and show what it returns.
"""

import streamlit as st

from mapper.logs import keep_names_out_of_logs
from pages.session import start

keep_names_out_of_logs()  # an error in a page is logged as its class and place, not its data
st.set_page_config(page_title="Best Start system mapper", page_icon="🗺️", layout="wide")
start()

page = st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon="🏠", default=True),
        st.Page("pages/map.py", title="Map", icon="🕸️"),
        st.Page("pages/findings.py", title="Findings", icon="🔎"),
        st.Page("pages/meetings.py", title="Meetings", icon="📅"),
        st.Page("pages/stakeholders.py", title="Stakeholders", icon="🧭"),
        st.Page("pages/whatif.py", title="What if…", icon="🚪"),
        st.Page("pages/compare.py", title="Compare", icon="🔀"),
        st.Page("pages/assessment.py", title="Self-assessment", icon="📋"),
        st.Page("pages/edit.py", title="Edit", icon="✏️"),
        st.Page("pages/import_sheets.py", title="Import", icon="📥"),
    ]
)
page.run()
