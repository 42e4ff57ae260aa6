"""The Best Start system mapper app: session set-up, then the pages.

Run with `streamlit run streamlit_app.py`. All logic lives in the `mapper` package.
"""

from pathlib import Path

import streamlit as st

from mapper import MapperError, load_map

APP_DIR = Path(__file__).resolve().parent
DEFAULT_MAP = APP_DIR / "examples" / "county.yaml"

st.set_page_config(page_title="Best Start system mapper", page_icon="🗺️", layout="wide")

# The map being looked at lives in session state, so moving between pages never reloads it.
if "partnership" not in st.session_state:
    try:
        st.session_state.partnership = load_map(DEFAULT_MAP)
        st.session_state.map_source = DEFAULT_MAP.name
    except MapperError as error:
        st.session_state.partnership = None
        st.session_state.load_error = str(error)

page = st.navigation([st.Page("pages/home.py", title="Home", icon="🏠", default=True)])
page.run()
