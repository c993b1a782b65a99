"""The monitoring report as a printable PDF: the same suppressed tables and charts as the page,
laid out for paper by WeasyPrint with the fonts shipped for the printable plan. Built by the
background job of reports.actions.build_pdf, never in a request."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from reintegra.plans.printable import render_pdf
from reintegra.reports.chart import bar_chart
from reintegra.reports.queries import Report

STYLESHEET = Path(__file__).resolve().parent / "printable.css"


def report_html(report: Report, *, name: str, organisations: int, network: bool) -> str:
    context = {
        "report": report,
        "name": name,
        "organisations": organisations,
        "network": network,
        "sections": [(section, [(table, bar_chart(table)) for table in section.tables]) for section in report.sections],
        "printed_at": timezone.localtime(),
    }
    return render_to_string("reports/printable.html", context)


def report_pdf(report: Report, *, name: str, organisations: int, network: bool) -> bytes:
    return render_pdf(
        report_html(report, name=name, organisations=organisations, network=network), stylesheet=STYLESHEET
    )
