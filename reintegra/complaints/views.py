from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.complaints import access, actions
from reintegra.complaints.forms import (
    AcknowledgeForm,
    AnswerForm,
    CloseForm,
    ComplaintForm,
    FollowUpForm,
    NoteForm,
    RecordedComplaintForm,
)
from reintegra.complaints.models import Complaint, ComplaintStatus, normalise_reference
from reintegra.core.flow import attach_errors, run_form
from reintegra.core.forms import Form
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.limits import seconds_left, spend

HOUR = 3600


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "complaints/too_many.html", status=429)
    response["Retry-After"] = str(seconds_left(HOUR))
    return response


# The public pages ---------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def file(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, may complain or give feedback. What the page answers depends on
    nothing but what was typed: no person or case is looked up, so it tells nobody whether
    someone is known here."""
    form = ComplaintForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST":
        if not spend(request, "complaint", allowed=settings.REINTEGRA_COMPLAINTS_PER_HOUR, window_seconds=HOUR):
            return _too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = actions.file_complaint(
                    organisation=data["organisation"],
                    kind=data["kind"],
                    about=data["about"],
                    filer_name=data["filer_name"],
                    contact=data["contact"],
                    language=data["language"],
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                return render(request, "complaints/filed.html", {"complaint": complaint, "public": True})
    return render(request, "complaints/file.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowUpForm(request.POST or None)
    complaint = None
    if request.method == "POST":
        if not spend(
            request, "complaint-lookup", allowed=settings.REINTEGRA_COMPLAINT_LOOKUPS_PER_HOUR, window_seconds=HOUR
        ):
            return _too_many(request)
        if form.is_valid():
            complaint = access.find_by_reference(normalise_reference(form.cleaned_data["reference"]))
            if complaint is None:
                form.add_error("reference", _("No complaint has this code. Check each letter and try again."))
    return render(request, "complaints/follow.html", {"form": form, "complaint": complaint})


# Staff --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def record(request: AuthenticatedRequest) -> HttpResponse:
    """A complaint that came by phone, on paper or in person, taken down by any member of staff.
    They pass the code on to the person; they do not see the complaint again."""
    access.require_record(request.user)
    organisation = request.user.organisation
    form = RecordedComplaintForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE, "received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = actions.file_complaint(
                organisation=organisation,  # type: ignore[arg-type]
                kind=data["kind"],
                about=data["about"],
                filer_name=data["filer_name"],
                contact=data["contact"],
                language=data["language"],
                channel=data["channel"],
                recorded_by=request.user,
                received_on=data["received_on"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return render(request, "complaints/filed.html", {"complaint": complaint, "public": False})
    return render(request, "complaints/record.html", {"form": form})


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    access.require_handles(request.user)
    complaints = access.complaints_visible_to(request.user)
    today = timezone.localdate()
    return render(
        request,
        "complaints/inbox.html",
        {
            "open": list(complaints.open().order_by("answer_by", "received_at")),
            "closed": list(complaints.filter(status=ComplaintStatus.CLOSED).order_by("-closed_at")[:50]),
            "overdue": set(complaints.open().overdue(today).values_list("pk", flat=True)),
            "today": today,
        },
    )


@login_required
def detail(request: AuthenticatedRequest, complaint_id: int) -> HttpResponse:
    complaint = access.get_complaint_for_user(request.user, complaint_id)
    actions.log_read(actor=request.user, complaint=complaint)
    return _detail_page(request, complaint)


def _detail_page(request: AuthenticatedRequest, complaint: Complaint, **forms: object) -> HttpResponse:
    context = {
        "complaint": complaint,
        "events": list(complaint.events.select_related("by")),
        "acknowledge_form": AcknowledgeForm(),
        "answer_form": AnswerForm(initial={"answer": complaint.answer}),
        "close_form": CloseForm(),
        "note_form": NoteForm(),
        "today": timezone.localdate(),
        **forms,
    }
    return render(request, "complaints/detail.html", context)


def _handle(
    request: AuthenticatedRequest,
    complaint_id: int,
    form_class: type[Form],
    name: str,
    action: Callable[..., None],
    done: str,
) -> HttpResponse:
    complaint = access.get_complaint_for_user(request.user, complaint_id)
    form = form_class(request.POST)
    if run_form(request, form, action, done, actor=request.user, complaint=complaint):
        return redirect("complaints:detail", complaint_id=complaint.pk)
    return _detail_page(request, complaint, **{name: form})


@login_required
@require_POST
def acknowledge(request: AuthenticatedRequest, complaint_id: int) -> HttpResponse:
    return _handle(request, complaint_id, AcknowledgeForm, "acknowledge_form", actions.acknowledge, _("Acknowledged."))


@login_required
@require_POST
def answer(request: AuthenticatedRequest, complaint_id: int) -> HttpResponse:
    return _handle(
        request,
        complaint_id,
        AnswerForm,
        "answer_form",
        actions.answer,
        _("Answer saved. Whoever holds the reference code can read it now."),
    )


@login_required
@require_POST
def close(request: AuthenticatedRequest, complaint_id: int) -> HttpResponse:
    return _handle(request, complaint_id, CloseForm, "close_form", actions.close, _("Closed."))


@login_required
@require_POST
def note(request: AuthenticatedRequest, complaint_id: int) -> HttpResponse:
    return _handle(request, complaint_id, NoteForm, "note_form", actions.add_note, _("Note added."))
