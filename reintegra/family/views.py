from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.sections import Section
from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.family import access, actions
from reintegra.family.forms import MemberFlagsForm, MemberForm, NeedForm, NeedStatusForm
from reintegra.family.models import NeedStatus
from reintegra.plans.access import area_choices


@login_required
@require_http_methods(["GET", "POST"])
def family(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.family_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    show_concerns = scope.can_see(Section.SENSITIVE)
    form = MemberForm(request.POST or None, show_concerns=show_concerns)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_family_member(actor=request.user, case=case, details=form.details())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Family member added."))
            return redirect("family:family", case_id=case.pk)
    areas = area_choices(scope)
    return render(
        request,
        "family/family.html",
        {
            "case": case,
            "members": list(scope.family_members_with_records()),
            "show_concerns": show_concerns,
            "form": form,
            "need_form": NeedForm(areas=areas, initial={"noted_on": timezone.localdate()}),
            "need_statuses": NeedStatus.choices,
        },
    )


@login_required
@require_POST
def update_member(request: AuthenticatedRequest, case_id: int, member_id: int) -> HttpResponse:
    scope = access.family_scope(request.user, case_id, write=True)
    member = scope.family_member(member_id)
    apply_form(
        request,
        MemberFlagsForm(request.POST, show_concerns=scope.can_see(Section.SENSITIVE)),
        lambda data: actions.update_family_member(
            actor=request.user, member=member, **{"concerns": member.concerns, **data}
        ),
        _("Saved."),
    )
    return redirect("family:family", case_id=case_id)


@login_required
@require_POST
def add_need(request: AuthenticatedRequest, case_id: int, member_id: int) -> HttpResponse:
    scope = access.family_scope(request.user, case_id, write=True)
    member = scope.family_member(member_id)
    areas = area_choices(scope)
    apply_form(
        request,
        NeedForm(request.POST, areas=areas),
        lambda data: actions.record_family_need(actor=request.user, member=member, **data),
        _("Need recorded."),
    )
    return redirect("family:family", case_id=case_id)


@login_required
@require_POST
def need_status(request: AuthenticatedRequest, case_id: int, need_id: int) -> HttpResponse:
    need = access.family_scope(request.user, case_id, write=True).family_need(need_id)
    apply_form(
        request,
        NeedStatusForm(request.POST),
        lambda data: actions.set_family_need_status(actor=request.user, need=need, status=data["status"]),
    )
    return redirect("family:family", case_id=case_id)
