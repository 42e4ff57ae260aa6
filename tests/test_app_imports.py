"""A page loads the drawing and PDF libraries only when it draws or writes a PDF: the Findings
page offers the reports, and makes them (importing matplotlib and fpdf) only when clicked.
Before, its first draw on a fresh server spent 2.2 s of 2.4 importing them."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("matplotlib", "fpdf", "mapper.render.pdf", "mapper.render.report", "openpyxl")


def test_the_findings_page_draws_without_the_report_libraries(tmp_path):
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('streamlit_app.py', default_timeout=120)\n"
        "at.run()\n"
        "at.switch_page('pages/findings.py').run()\n"
        "assert not at.exception, at.exception\n"
        "assert any('Download the report (PDF)' in b.label for b in at.get('download_button'))\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MAPPER_WORKSPACE": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
