from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.access.sections import Section
from reintegra.assessments import access, actions
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.assessments.forms import AreaForm, StartAssessmentForm, ViewsForm
from reintegra.assessments.models import AssessmentReason, display_value
from reintegra.core.http import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def case_assessments(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.assessments_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    versions = list(scope.assessments().select_related("created_by").order_by("-version"))
    initial = {
        "assessed_on": timezone.localdate(),
        "reason": AssessmentReason.PERIODIC if versions else AssessmentReason.FIRST,
    }
    form = StartAssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assessment = actions.start_assessment(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Assessment %(version)d started.") % {"version": assessment.version})
        return redirect("assessments:detail", case_id=case.pk, version=assessment.version)
    return render(request, "assessments/list.html", {"case": case, "versions": versions, "form": form})


@login_required
def detail(request: AuthenticatedRequest, case_id: int, version: int) -> HttpResponse:
    scope = access.assessments_scope(request.user, case_id)
    assessment = scope.assessment(version)
    case = scope.case
    answers = access.answers(scope, assessment)
    child = case.person.is_child_on(assessment.assessed_on)
    areas = [
        (area, [(spec, answers.get((area.code, spec.name))) for spec in specs])
        for area, specs in access.visible_areas(scope.sections, child=child)
    ]
    other_versions = list(scope.assessments().exclude(pk=assessment.pk).values_list("version", flat=True))
    return render(
        request,
        "assessments/detail.html",
        {
            "case": case,
            "assessment": assessment,
            "areas": areas,
            "child": child,
            "editable": assessment.is_latest(),
            "other_versions": other_versions,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_area(request: AuthenticatedRequest, case_id: int, version: int, area: str) -> HttpResponse:
    if area not in AREAS_BY_CODE:
        raise Http404
    scope = access.assessments_scope(request.user, case_id, write=True)
    assessment = scope.assessment(version)
    case = scope.case
    specs = access.visible_fields(
        scope.sections, AREAS_BY_CODE[area], child=case.person.is_child_on(assessment.assessed_on)
    )
    if not specs:
        raise Http404
    current = {field: obs.value for (code, field), obs in access.answers(scope, assessment).items() if code == area}
    form = AreaForm(request.POST or None, specs=specs, current=current, initial={"observed_on": assessment.assessed_on})
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.record_area(
                actor=request.user,
                assessment=assessment,
                area_code=area,
                values=form.values(),
                observed_on=form.cleaned_data["observed_on"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
        return redirect("assessments:detail", case_id=case.pk, version=assessment.version)
    context = {"case": case, "assessment": assessment, "area": AREAS_BY_CODE[area], "form": form}
    if area == "CAS":
        # Contact wishes have one home, the follow-up's preferences; this area points there.
        context.update(
            contact_wishes_here=True,
            preference=scope.contact_preference(),
            can_edit_wishes=scope.can_see(Section.SAFETY),
        )
    if area == "ECO" and scope.can_see(Section.SENSITIVE):
        # Each debt is a record of its own, with its history: this area asks only the overall picture.
        context["debts_url"] = reverse("debts:debts", args=[case.pk])
    return render(request, "assessments/edit_area.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_views(request: AuthenticatedRequest, case_id: int, version: int) -> HttpResponse:
    assessment = access.assessments_scope(request.user, case_id, write=True).assessment(version)
    initial = {name: getattr(assessment, name) for name in ("person_priorities", "person_words", "worker_view")}
    form = ViewsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_views(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("assessments:detail", case_id=assessment.case.pk, version=assessment.version)
    return render(
        request, "assessments/edit_views.html", {"case": assessment.case, "assessment": assessment, "form": form}
    )


@login_required
def compare(request: AuthenticatedRequest, case_id: int, version: int, other: int) -> HttpResponse:
    scope = access.assessments_scope(request.user, case_id)
    older, newer = sorted((scope.assessment(version), scope.assessment(other)), key=lambda a: a.version)
    case = scope.case
    before, after = access.answers(scope, older), access.answers(scope, newer)
    child = case.person.is_child_on(newer.assessed_on)
    areas: list[tuple[Any, list[dict[str, Any]], int]] = []
    for area, specs in access.visible_areas(scope.sections, child=child):
        rows: list[dict[str, Any]] = []
        for spec in specs:
            old, new = before.get((area.code, spec.name)), after.get((area.code, spec.name))
            if old is None and new is None:
                continue
            rows.append(
                {
                    "label": spec.label,
                    "old": display_value(spec, old.value) if old else "",
                    "old_on": old.observed_on if old else None,
                    "new": display_value(spec, new.value) if new else "",
                    "new_on": new.observed_on if new else None,
                    "changed": (old.value if old else None) != (new.value if new else None),
                }
            )
        areas.append((area, rows, sum(row["changed"] for row in rows)))
    return render(request, "assessments/compare.html", {"case": case, "older": older, "newer": newer, "areas": areas})
