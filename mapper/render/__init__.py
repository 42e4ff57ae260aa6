"""Turning maps and findings into things to show: text, tables, HTML. No Streamlit here."""
