from __future__ import annotations

import functools
import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.audit.models import AuditAction
from reintegra.core.http import AuthenticatedRequest
from reintegra.privacy.access import shares_network_figures
from reintegra.reports import access, actions, extract
from reintegra.reports.chart import bar_chart
from reintegra.reports.exports import as_csv, as_xlsx
from reintegra.reports.forms import AgreementForm, ReportFilterForm
from reintegra.reports.models import ReportRun, ReportRunStatus, StatisticsAgreement
from reintegra.reports.queries import MIN_NETWORK_ORGANISATIONS, Report, build_report

FORMATS = {
    "csv": ("text/csv; charset=utf-8", as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", as_xlsx),
}


def _filtered(request: AuthenticatedRequest) -> tuple[ReportFilterForm, access.ReportScope | None]:
    """The filter form read from the address, and the report it names once valid. 404 for a user
    who sees no report, or asks for figures they may not see."""
    choices = access.organisations_reportable_by(request.user)
    if not choices:
        raise Http404
    form = ReportFilterForm.from_query(request.GET, choices=choices)
    if not form.is_valid():
        # An organisation that is not among the user's choices is refused like any bad value,
        # with no figures; what the user may see is not told apart from what does not exist.
        return form, None
    return form, access.report_scope(request.user, form.cleaned_data["organisation"])


def _page(
    request: AuthenticatedRequest,
    form: ReportFilterForm,
    scope: access.ReportScope | None,
    report: Report | None,
    agreement_form: AgreementForm | None = None,
) -> HttpResponse:
    user = request.user
    agreement = StatisticsAgreement.current(user.organisation_pk)
    context = {
        "form": form,
        "scope": scope,
        "report": report,
        "sections": [(section, [(table, bar_chart(table)) for table in section.tables]) for section in report.sections]
        if report
        else [],
        "query": request.GET.urlencode(),
        "min_network_organisations": MIN_NETWORK_ORGANISATIONS,
        "may_decide": access.may_decide_agreement(user),
        # Sharing also needs a signed data-sharing agreement for the network's figures.
        "sharing_agreement_in_force": access.may_decide_agreement(user) and shares_network_figures(user),
        "may_download_extract": access.may_download_research_extract(user, scope),
        "agreement": agreement,
        "agreement_form": agreement_form
        or AgreementForm(initial={"agreed": "yes" if agreement and agreement.agreed else "no"}),
    }
    return render(request, "reports/report.html", context)


@login_required
@require_GET
def report(request: AuthenticatedRequest) -> HttpResponse:
    """The organisation's monitoring report (or the network's, for its coordinator): suppressed
    tables of counts with a chart beside each. Aggregates only: no case is named or linked."""
    form, scope = _filtered(request)
    if scope is None:
        return _page(request, form, scope, None)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    built = build_report(scope.organisation_ids, start, end, network=scope.is_network)
    access.log_report(
        request.user, scope, action=AuditAction.VIEW_REPORT, period=(start.isoformat(), end.isoformat()), form="page"
    )
    return _page(request, form, scope, built)


@login_required
@require_GET
def download(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    """The same tables as a file. Bad filters show the page with their messages instead."""
    if fmt not in FORMATS:
        raise Http404
    form, scope = _filtered(request)
    if scope is None:
        return _page(request, form, scope, None)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    built = build_report(scope.organisation_ids, start, end, network=scope.is_network)
    access.log_report(
        request.user, scope, action=AuditAction.DOWNLOAD_REPORT, period=(start.isoformat(), end.isoformat()), form=fmt
    )
    if built.withheld:
        return _page(request, form, scope, built)
    content_type, write = FORMATS[fmt]
    response = HttpResponse(write(built, f"{_('Monitoring report')}: {scope.name}"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="report-{start.isoformat()}-{end.isoformat()}.{fmt}"'
    return response


@login_required
@require_POST
def agreement(request: AuthenticatedRequest) -> HttpResponse:
    """The organisation's administrator agrees to be counted in the network's figures, or stops."""
    if not access.may_decide_agreement(request.user):
        raise Http404
    form = AgreementForm(request.POST)
    if not form.is_valid():
        choices = access.organisations_reportable_by(request.user)
        return _page(request, ReportFilterForm.from_query(request.GET, choices=choices), None, None, form)
    actions.record_agreement(actor=request.user, agreed=form.cleaned_data["agreed"])
    if form.cleaned_data["agreed"]:
        messages.success(request, _("Your organisation's statistics now count in the network's figures."))
    else:
        messages.success(request, _("Your organisation's statistics no longer count in the network's figures."))
    return redirect("reports:report")


@login_required
@require_POST
def request_pdf(request: AuthenticatedRequest) -> HttpResponse:
    """Queue the printable report of the figures on the page (the filter comes with the form)."""
    choices = access.organisations_reportable_by(request.user)
    if not choices:
        raise Http404
    form = ReportFilterForm.from_query(request.POST, choices=choices)
    if not form.is_valid():
        return _page(request, form, None, None)
    scope = access.report_scope(request.user, form.cleaned_data["organisation"])
    run = actions.request_pdf(
        actor=request.user, scope=scope, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )
    return redirect("reports:run", run_id=run.pk)


def _read_run(view: Callable[[AuthenticatedRequest, ReportRun], HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of one's own printable report: the run is looked up before the method is checked,
    so that anyone else, whatever they send, gets the 404 of a run that does not exist."""

    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    @functools.wraps(view)
    def wrapped(request: AuthenticatedRequest, run_id: uuid.UUID) -> HttpResponse:
        report_run = access.get_run_for_user(request.user, run_id)
        if request.method == "POST":
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, report_run)

    return wrapped


@_read_run
def run(request: AuthenticatedRequest, report_run: ReportRun) -> HttpResponse:
    return render(request, "reports/run.html", {"run": report_run})


@_read_run
def run_progress(request: AuthenticatedRequest, report_run: ReportRun) -> HttpResponse:
    """The progress block alone, polled by htmx; a finished run reloads the whole page."""
    response = render(request, "reports/_run_progress.html", {"run": report_run})
    if not report_run.in_progress:
        response["HX-Refresh"] = "true"
    return response


@_read_run
def run_file(request: AuthenticatedRequest, report_run: ReportRun) -> HttpResponse:
    if report_run.status != ReportRunStatus.READY:
        raise Http404
    response = HttpResponse(bytes(report_run.pdf), content_type="application/pdf")
    filename = f"report-{report_run.period_start.isoformat()}-{report_run.period_end.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def research_extract(request: AuthenticatedRequest) -> HttpResponse:
    """The research extract as CSV (docs/research-extract.md): one anonymised row per person who
    agreed, suppressed to k. 404 for anyone who may not take it (reports.access)."""
    scope = access.research_extract_scope(request.user, request.GET.get("organisation"))
    built = extract.build(scope.organisation_ids, on=timezone.localdate())
    if not access.research_extract_shown(scope, built.contributors):
        messages.error(
            request,
            _(
                "Of the organisations that share their statistics, only %(count)d have persons in the research "
                "extract. The network's extract is given when %(least)d or more have, so that it never shows "
                "one organisation's rows."
            )
            % {"count": built.contributors, "least": MIN_NETWORK_ORGANISATIONS},
        )
        return redirect(f"{reverse('reports:report')}?{urlencode({'organisation': scope.choice})}")
    access.log_research_extract(request.user, scope, rows=len(built.rows), form="csv")
    response = HttpResponse(extract.as_csv(built.rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="research-extract.csv"'
    return response
