from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.followups import access, actions
from reintegra.followups.forms import ContactForm, PreferenceForm, StartForm
from reintegra.followups.schedule import Conflict

CONTACTS_SHOWN = 50
CONFLICT_TEXT = {
    Conflict.CHANNEL: _("The person did not agree to be contacted this way."),
    Conflict.HOME_VISIT: _("The person does not want home visits."),
    Conflict.TIME: _("The person asked not to be contacted at this time."),
}


@login_required
@require_http_methods(["GET", "POST"])
def followup(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The schedule, the contact preferences and the contact log of one case. A POST here logs a
    contact; conflicts with the preferences are shown and must be acknowledged."""
    scope = access.followup_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    today = timezone.localdate()
    contact_form = ContactForm(request.POST or None, initial={"on": today})
    conflicts: list[str] = []
    if request.method == "POST" and contact_form.is_valid():
        moment = contact_form.moment()
        conflicts = actions.preference_conflicts(case, channel=contact_form.cleaned_data["channel"], at=moment)
        if conflicts and not contact_form.cleaned_data["acknowledge"]:
            contact_form.add_error(None, _("Check the person's contact preferences before going on."))
        else:
            try:
                actions.log_contact(
                    actor=request.user,
                    case=case,
                    at=moment,
                    channel=contact_form.cleaned_data["channel"],
                    outcome=contact_form.cleaned_data["outcome"],
                    issues_raised=contact_form.cleaned_data["issues_raised"],
                    note=contact_form.cleaned_data["note"],
                    acknowledged=conflicts,
                )
            except ValidationError as exc:
                attach_errors(contact_form, exc)
            else:
                messages.success(request, _("Contact recorded."))
                return redirect("followups:followup", case_id=case.pk)
    schedule = scope.followup()
    preference = scope.contact_preference()
    upcoming = schedule.upcoming(after=today) if schedule else []
    wishes = preference.as_rules() if preference else None
    return render(
        request,
        "followups/followup.html",
        {
            "case": case,
            "schedule": schedule,
            # Warned when the date is planned, not only when the contact is logged.
            "upcoming": [(day, wishes is not None and wishes.day_is_closed(day)) for day in upcoming],
            "overdue": schedule.is_overdue(today) if schedule else False,
            "preference": preference,
            "preference_form": PreferenceForm(initial=PreferenceForm.initial_from(preference)),
            "start_form": StartForm(initial={"starts_on": case.opened_on}),
            "contact_form": contact_form,
            "conflicts": [CONFLICT_TEXT[c] for c in conflicts],
            "contacts": scope.contacts().select_related("by")[:CONTACTS_SHOWN],
        },
    )


@login_required
@require_POST
def start(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.followup_scope(request.user, case_id, write=True).case
    apply_form(
        request,
        StartForm(request.POST),
        lambda data: actions.start_followup(actor=request.user, case=case, starts_on=data["starts_on"]),
    )
    return redirect("followups:followup", case_id=case.pk)


@login_required
@require_POST
def preferences(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.followup_scope(request.user, case_id, write=True).case
    form = PreferenceForm(request.POST)
    apply_form(
        request,
        form,
        lambda data: actions.set_preferences(actor=request.user, case=case, details=form.details()),
        _("Contact preferences saved."),
    )
    return redirect("followups:followup", case_id=case.pk)
