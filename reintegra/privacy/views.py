from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.cases.vocabularies import CaseStatus
from reintegra.core.flow import attach_errors, run_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.privacy import access, actions
from reintegra.privacy.export import subject_access_pdf
from reintegra.privacy.forms import AgreementForm, ErasureForm, LegalHoldForm, LiftHoldForm


def _case_page(request: AuthenticatedRequest, case: Case, **forms: object) -> HttpResponse:
    holds = list(access.holds_of(case).select_related("case", "placed_by", "lifted_by"))
    other_cases = list(access.other_cases_of(case))
    context = {
        "case": case,
        "holds": holds,
        "active_holds": [hold for hold in holds if hold.lifted_at is None],
        "other_cases": other_cases,
        "a_case_is_open": any(each.status != CaseStatus.CLOSED for each in [case, *other_cases]),
        "retention_years": settings.REINTEGRA_RETENTION_YEARS,
        "anonymisation": access.anonymisation_of(case),
        "hold_form": LegalHoldForm(),
        "lift_form": LiftHoldForm(),
        "erasure_form": ErasureForm(),
        **forms,
    }
    return render(request, "privacy/case.html", context)


@login_required
def case_page(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _case_page(request, access.get_case_for_privacy(request.user, case_id))


@login_required
@require_POST
def place_hold(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.get_case_for_privacy(request.user, case_id, action=AuditAction.EDIT)
    form = LegalHoldForm(request.POST)
    if run_form(request, form, actions.place_legal_hold, _("Legal hold placed."), actor=request.user, case=case):
        return redirect("privacy:case", case_id=case.pk)
    return _case_page(request, case, hold_form=form)


@login_required
@require_POST
def lift_hold(request: AuthenticatedRequest, case_id: int, hold_id: int) -> HttpResponse:
    case = access.get_case_for_privacy(request.user, case_id, action=AuditAction.EDIT)
    hold = access.holds_of(case).filter(pk=hold_id).first()
    if hold is None:
        raise Http404
    form = LiftHoldForm(request.POST)
    if run_form(request, form, actions.lift_legal_hold, _("Legal hold lifted."), actor=request.user, hold=hold):
        return redirect("privacy:case", case_id=case.pk)
    return _case_page(request, case, lift_form=form)


@login_required
def export(request: AuthenticatedRequest, case_id: int, form: str) -> HttpResponse:
    case = access.get_case_for_privacy(request.user, case_id)
    document = actions.export_subject_access(actor=request.user, case=case)
    stamp = timezone.localdate().isoformat()
    if form == "pdf":
        response = HttpResponse(subject_access_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{case.number}-held-{stamp}.{form}"'
    return response


@login_required
@require_POST
def erase(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.get_case_for_privacy(request.user, case_id, action=AuditAction.EDIT)
    form = ErasureForm(request.POST)
    if form.is_valid():
        try:
            actions.erase_person(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The person's identifiable data has been erased."))
            return redirect("privacy:case", case_id=case.pk)
    return _case_page(request, case, erasure_form=form)


# Data-sharing agreements ---------------------------------------------------------------------------


def _agreements_page(request: AuthenticatedRequest, form: AgreementForm | None = None) -> HttpResponse:
    user = request.user
    may_record = access.may_record_agreements(user)
    today = timezone.localdate()
    agreements = list(access.agreements_visible_to(user).select_related("with_organisation", "recorded_by", "ended_by"))
    return render(
        request,
        "privacy/agreements.html",
        {
            "agreements": agreements,
            "in_force": {a.pk for a in access.agreements_visible_to(user).in_force(today)},
            "may_record": may_record,
            "form": form or (AgreementForm(organisation_id=user.organisation_pk) if may_record else None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreements(request: AuthenticatedRequest) -> HttpResponse:
    if not access.may_read_agreements(request.user):
        raise Http404
    if request.method == "POST":
        if not access.may_record_agreements(request.user):
            raise Http404
        form = AgreementForm(request.POST, organisation_id=request.user.organisation_pk)
        if run_form(request, form, actions.record_sharing_agreement, _("Agreement recorded."), actor=request.user):
            return redirect("privacy:agreements")
        return _agreements_page(request, form)
    return _agreements_page(request)


@login_required
@require_POST
def end_agreement(request: AuthenticatedRequest, agreement_id: int) -> HttpResponse:
    agreement = access.get_agreement_for_admin(request.user, agreement_id)
    try:
        actions.end_sharing_agreement(actor=request.user, agreement=agreement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Agreement ended."))
    return redirect("privacy:agreements")
