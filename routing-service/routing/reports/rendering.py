"""A report as HTML (Jinja2, autoescaped), from the same view the JSON API returns.

No PDF: the well-kept Python PDF libraries either need system libraries (WeasyPrint: Pango) or a CJK font
file shipped with the service (fpdf2, ReportLab), so a PDF is left to the browser's print of this page.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from routing.reports.schemas import ReportOut


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("routing.reports", "templates"), autoescape=select_autoescape(["j2", "html"]))


def html(report: ReportOut) -> str:
    return _environment().get_template("report.html.j2").render(report=report)
