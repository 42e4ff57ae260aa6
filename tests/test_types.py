"""The package's types hold: mypy, with pydantic's plugin, finds nothing in mapper/.

The settings are in pyproject.toml ([tool.mypy]); libraries without type information (igraph,
fpdf, openpyxl) are read as untyped there, and nothing else is silenced.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_finds_nothing_in_the_package():
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
