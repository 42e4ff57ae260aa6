"""Time the report and the spreadsheet round trip, by hand: python benchmarks/report.py

For the county example and the synthetic county and large maps: building the report's content
(diagnosis, map picture, charts), writing it as HTML and as PDF (with sizes and pages), and
exporting the map to a workbook and importing it back.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from benchmarks.generate import ensure  # noqa: E402
from mapper import load_map  # noqa: E402
from mapper.render.pdf import report_pdf  # noqa: E402
from mapper.render.report import build_report, report_html  # noqa: E402
from mapper.sheets import import_sheets  # noqa: E402
from mapper.sheets.export import tables_workbook  # noqa: E402


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> None:
    cases = [
        ("county example", ROOT / "examples" / "county.yaml"),
        ("synthetic county", ensure("county")),
        ("synthetic large", ensure("large")),
    ]
    print(
        f"{'map':<18}{'content':>9}{'HTML':>7}{'KB':>7}{'PDF':>7}{'KB':>7}{'pages':>7}"
        f"{'xlsx out':>10}{'xlsx in':>9}"
    )
    for name, path in cases:
        partnership = load_map(path)
        report, content = timed(lambda p=partnership: build_report(p))
        html, html_time = timed(lambda r=report: report_html(r))
        pdf, pdf_time = timed(lambda r=report: report_pdf(r))
        book, out_time = timed(lambda p=partnership: tables_workbook(p))
        back, in_time = timed(lambda b=book, p=partnership: import_sheets([("m.xlsx", b)], p.name))
        assert len(back.partnership.people) == len(partnership.people)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"{name:<18}{content:>8.2f}s{html_time:>6.2f}s{len(html) // 1024:>7,}"
            f"{pdf_time:>6.2f}s{len(pdf) // 1024:>7,}{pages:>7}{out_time:>9.2f}s"
            f"{in_time:>8.2f}s"
        )


if __name__ == "__main__":
    main()
