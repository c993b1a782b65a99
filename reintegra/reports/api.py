"""The monitoring report as JSON: the same suppressed tables as the page and the downloads, for
the same users (reports.access; 404 for anyone else). A hidden figure has no value: `value` is
null, `suppressed` true, and `text` what the page shows ("<10" for a small count, "x" for a
figure hidden so that a small one cannot be worked out)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from reintegra.audit.models import AuditAction
from reintegra.core.errors import Conflict
from reintegra.core.http import ApiRequest
from reintegra.reports import access, extract
from reintegra.reports.forms import ReportFilterForm
from reintegra.reports.queries import MIN_NETWORK_ORGANISATIONS, build_report
from reintegra.reports.suppression import Figure
from reintegra.reports.tables import Table

router = Router()


class FigureOut(Schema):
    value: int | Decimal | None = Field(
        ..., description="The count (or sum of money); null when the figure is suppressed."
    )
    suppressed: bool = Field(..., description="True when the figure is hidden: value is then null.")
    text: str = Field(..., description='As the page shows it: the figure, "<k" (a count of 1 to k-1) or "x".')
    reason: Literal["small", "complementary", "withheld"] | None = Field(
        ...,
        description="small: a count below k. complementary: hidden so that a small count cannot be worked out "
        "from the totals. withheld: the table could not be published cell by cell. null when shown.",
    )


class RowOut(Schema):
    code: str
    label: str
    cells: list[FigureOut]
    total: FigureOut | None = Field(..., description="The row's total, in a two-way table; null in a one-way one.")


class TableOut(Schema):
    key: str
    title: str
    row_heading: str
    columns: list[str] = Field(..., description="Codes of the columns, in the order of each row's cells.")
    column_labels: list[str]
    rows: list[RowOut]
    column_totals: list[FigureOut]
    total: FigureOut
    total_label: str
    note: str
    hxl: list[str] = Field(..., description="HXL hashtags: the row labels', each column's, then the row totals'.")


class SectionOut(Schema):
    key: str
    title: str
    note: str
    tables: list[TableOut]


class ReportOut(Schema):
    name: str = Field(..., description="Whose figures: an organisation's name, or the network's.")
    network: bool
    organisations: int = Field(..., description="How many organisations the figures add up.")
    start: date
    end: date
    min_cell: int = Field(..., description="k: counts from 1 to k-1 are suppressed.")
    sections: list[SectionOut]


class ReportQuery(Schema):
    organisation: str | None = Field(
        None, pattern=r"^(\d{1,12}|network)$", description='An organisation\'s id, or "network" (coordinators).'
    )
    start: date | None = Field(None, description="First day of the period; a year before `end` when left out.")
    end: date | None = Field(None, description="Last day of the period, included; today when left out.")


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "value": figure.value,
        "suppressed": figure.hidden,
        "text": figure.text,
        "reason": str(figure.mark) if figure.hidden else None,
    }


def _table(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": table.title,
        "row_heading": table.row_heading,
        "columns": table.column_codes,
        "column_labels": table.column_labels,
        "rows": [
            {
                "code": code,
                "label": label,
                "cells": [_figure(f) for f in cells],
                "total": _figure(total) if total is not None else None,
            }
            for code, (label, cells, total) in zip(table.row_codes, table.rows, strict=True)
        ],
        "column_totals": [_figure(f) for f in table.column_totals],
        "total": _figure(table.total),
        "total_label": table.total_label,
        "note": table.note,
        "hxl": table.hxl,
    }


@router.get("/reports", response=ReportOut, summary="The monitoring report: suppressed counts, no case")
def report(request: ApiRequest, filters: Query[ReportQuery]) -> dict[str, Any]:
    user = request.auth
    choices = access.organisations_reportable_by(user)
    if not choices:
        raise Http404
    query = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in filters.dict().items()
        if value is not None
    }
    form = ReportFilterForm.from_query(query, choices=choices)
    if not form.is_valid():
        if "organisation" in form.errors:
            raise Http404  # figures this user may not see, like figures that do not exist
        raise ValidationError(form.errors.as_data())  # type: ignore[arg-type]
    scope = access.report_scope(user, form.cleaned_data["organisation"])
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    built = build_report(scope.organisation_ids, start, end, network=scope.is_network)
    if built.withheld:
        raise Conflict(
            _(
                "Only %(count)d organisations that share their statistics had cases in this period; "
                "the network's figures need %(least)d or more."
            )
            % {"count": built.contributors, "least": MIN_NETWORK_ORGANISATIONS}
        )
    access.log_report(
        user, scope, action=AuditAction.VIEW_REPORT, period=(start.isoformat(), end.isoformat()), form="api"
    )
    return {
        "name": scope.name,
        "network": scope.is_network,
        "organisations": len(scope.organisation_ids),
        "start": start,
        "end": end,
        "min_cell": built.min_cell,
        "sections": [
            {"key": s.key, "title": s.title, "note": s.note, "tables": [_table(t) for t in s.tables]}
            for s in built.sections
        ],
    }


class ResearchExtractQuery(Schema):
    organisation: str | None = Field(
        None,
        pattern=r"^(\d{1,12}|network)$",
        description='Your organisation\'s id (analysts and administrators), or "network" (coordinators). Left out: '
        "your own organisation's, or the network's for a coordinator who is neither.",
    )


@router.get(
    "/reports/research-extract",
    summary="The research extract: one anonymised row per person who agreed, as CSV",
    description=(
        "The same file as the report page's research extract, without the byte-order mark: a header row, then one "
        "row per person whose latest decision about research is a consent in force, in a random order. Columns, "
        "vocabularies and the suppression rule: docs/research-extract.md. Logged. For the network, 409 when fewer "
        "than three organisations that share their statistics have rows in it."
    ),
    openapi_extra={"responses": {200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def research_extract(request: ApiRequest, filters: Query[ResearchExtractQuery]) -> HttpResponse:
    user = request.auth
    scope = access.research_extract_scope(user, filters.organisation)
    built = extract.build(scope.organisation_ids, on=timezone.localdate())
    if not access.research_extract_shown(scope, built.contributors):
        raise Conflict(
            _(
                "Only %(count)d organisations that share their statistics have persons in the research extract; "
                "the network's extract needs %(least)d or more."
            )
            % {"count": built.contributors, "least": MIN_NETWORK_ORGANISATIONS}
        )
    access.log_research_extract(user, scope, rows=len(built.rows), form="api")
    return HttpResponse(extract.as_csv(built.rows, bom=False), content_type="text/csv; charset=utf-8")
