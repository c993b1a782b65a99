from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.access.scope import case_scope
from reintegra.audit.models import AuditAction
from reintegra.core.flow import attach_errors
from reintegra.core.forms import LANGUAGE_CHOICES
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.uploads import TOO_BIG, InMemoryUploadHandler
from reintegra.exchange import access, actions, export
from reintegra.exchange.forms import AnswerForm, ConfirmImportForm, ImportForm, IncomingMoveForm, RecordsFileForm
from reintegra.exchange.models import ImportBatch, IncomingReferral, IncomingStatus, Partner
from reintegra.family.models import Relationship
from reintegra.referrals import access as referral_access
from reintegra.referrals.actions import SENDER

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
RELATIONSHIPS = {code: str(label) for code, label in Relationship.choices}
RECENT_IMPORTS = 10


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_package(request: AuthenticatedRequest) -> HttpResponse:
    """Import a package from a partner installation: a referral for your organisation, or the
    answer to one your team sent. A package that fails any check is refused and nothing is written."""
    access.require_import(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = actions.import_package(actor=request.user, data=form.cleaned_data["package"], now=timezone.now())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if isinstance(result, IncomingReferral):
                messages.success(request, _("Referral imported. Answer it here."))
                return redirect("exchange:incoming", incoming_id=result.pk)
            messages.success(request, _("The partner's answer is recorded on the referral."))
            return redirect("referrals:referral", referral_id=result.pk)
    return render(request, "exchange/import.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incoming(request: AuthenticatedRequest, incoming_id: int) -> HttpResponse:
    """A referral from a partner: what was shared, the answer, then each step to its end."""
    found = access.get_incoming_for_user(request.user, incoming_id)
    pending = found.status == IncomingStatus.PENDING
    targets = [(status, str(IncomingStatus(status).label)) for status in found.next_statuses()]
    data = request.POST if request.method == "POST" else None
    form: AnswerForm | IncomingMoveForm | None
    form = AnswerForm(data) if pending else (IncomingMoveForm(data, targets=targets) if targets else None)
    if form is not None and data is not None and form.is_valid():
        values = form.cleaned_data
        try:
            if isinstance(form, AnswerForm):
                actions.answer_incoming(
                    actor=request.user,
                    incoming=found,
                    accept=values["decision"] == "accept",
                    reason=values["reason"],
                    now=timezone.now(),
                )
            else:
                actions.move_incoming(actor=request.user, incoming=found, now=timezone.now(), **values)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Recorded. Download the answer package and send it to the partner."))
            return redirect("exchange:incoming", incoming_id=found.pk)
    person = found.content.get("person") or {}
    return render(
        request,
        "exchange/incoming.html",
        {
            "incoming": found,
            "form": form,
            "pending": pending,
            "steps": [
                {**step, "label": IncomingStatus(step["status"]).label, "at": parse_datetime(str(step.get("at", "")))}
                for step in found.steps
                if step.get("status") in IncomingStatus.values
            ],
            "relationship": RELATIONSHIPS.get(
                str((found.content.get("reintegra_for_family_member") or {}).get("relationship", "")), ""
            ),
            "languages": ", ".join(
                str(LANGUAGE_NAMES.get(code, code))
                for code in (person.get("prs_PrimaryLanguage"), person.get("prs_SecondaryLanguage"))
                if code
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # a POST is looked up like a GET: 404 for a stranger
def answer_package(request: AuthenticatedRequest, incoming_id: int) -> HttpResponse:
    found = access.get_incoming_for_user(request.user, incoming_id)
    if found.status == IncomingStatus.PENDING:
        raise Http404
    data = actions.answer_package(actor=request.user, incoming=found, now=timezone.now())
    return _download(data, f"answer-{found.partner_id}-{found.remote_referral_id}.json")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # a POST is looked up like a GET: 404 for a stranger
def referral_package(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    """The sent referral, sealed for the partner installation, for the case's team to send on."""
    found, side = referral_access.get_referral_for_user(request.user, referral_id, write=True)
    if side != SENDER or not found.is_transnational:
        raise Http404
    scope = case_scope(request.user, found.case_id, sections=found.shared_sections, action=AuditAction.EXPORT_PACKAGE)
    try:
        data = actions.export_referral_package(actor=request.user, referral=found, scope=scope, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("referrals:referral", referral_id=found.pk)
    return _download(data, f"referral-{found.pk}.json")


@login_required
@require_GET
def keys(request: AuthenticatedRequest) -> HttpResponse:
    """The organisation's public key fingerprints, to read to a partner, and the partners pinned."""
    if not access.sees_keys(request.user):
        raise Http404
    card = actions.partner_card(request.user.organisation)  # type: ignore[arg-type]
    return render(request, "exchange/keys.html", {"card": card, "partners": list(Partner.objects.all())})


# Case records in HTCDS columns: export and bulk import --------------------------------------


def _records_page(request: AuthenticatedRequest, form: RecordsFileForm, *, status: int = 200) -> HttpResponse:
    agreed, not_agreed = access.cases_to_export(request.user, on=timezone.localdate())
    return render(
        request,
        "exchange/records.html",
        {
            "form": form,
            "agreed_count": agreed.count(),
            "not_agreed_count": not_agreed.count(),
            "batches": list(access.imports_for(request.user)[:RECENT_IMPORTS]),
        },
        status=status,
    )


@login_required
@require_GET
def records(request: AuthenticatedRequest) -> HttpResponse:
    """Case records in and out in the standard's columns: the export, and files to bring in."""
    access.require_moves_records(request.user)
    return _records_page(request, RecordsFileForm())


@login_required
@require_POST
def export_records(request: AuthenticatedRequest) -> StreamingHttpResponse:
    access.require_moves_records(request.user)
    rows = export.htcds_rows(request.user, on=timezone.localdate())
    response = StreamingHttpResponse(export.csv_lines(rows), content_type="text/csv; charset=utf-8")
    name = f"htcds-{request.user.organisation.code.lower()}-{timezone.localdate().isoformat()}.csv"  # type: ignore[union-attr]
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response


@csrf_exempt
@login_required
@require_POST
def import_records(request: AuthenticatedRequest) -> HttpResponse:
    """Take a file to check. Who may is settled before a byte of it is read; then our own upload
    handler reads it in memory, up to the limit, never into a temporary file in clear. CSRF is
    checked after the handler is in place, as for scans (documents.views.attach)."""
    access.require_moves_records(request.user)
    request.upload_handlers = [InMemoryUploadHandler(request, settings.REINTEGRA_IMPORT_MAX_BYTES)]
    return _import_records(request)


@csrf_protect
def _import_records(request: AuthenticatedRequest) -> HttpResponse:
    form = RecordsFileForm(request.POST, request.FILES)
    too_big = getattr(request, TOO_BIG, None)
    if too_big is not None:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error(
            "file",
            _("The file is larger than %(size)d MB, the most this installation takes at once. Split it.")
            % {"size": settings.REINTEGRA_IMPORT_MAX_BYTES // 1_000_000},
        )
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = actions.start_import(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                month_first=form.cleaned_data["month_first"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("exchange:import_batch", batch_id=batch.pk)
    return _records_page(request, form, status=422)


def _batch_context(batch: ImportBatch) -> dict[str, object]:
    report = batch.report or {}
    return {
        "batch": batch,
        "problems": report.get("problems", []),
        "more_problems": report.get("more_problems", 0),
        "duplicates": report.get("duplicates", []),
        "ignored_columns": report.get("ignored_columns", []),
        "encoding": report.get("encoding", ""),
        "imported_before": report.get("imported_before", ""),
        "failure": report.get("failure", ""),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_batch(request: AuthenticatedRequest, batch_id: int) -> HttpResponse:
    """A file's check, then its import: problems by row and column, possible duplicates, and the
    button that registers everyone once the check is clean."""
    batch = access.get_import_for_user(request.user, batch_id)
    form = ConfirmImportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.confirm_import(
                actor=request.user, batch=batch, duplicates_seen=form.cleaned_data["duplicates_seen"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("exchange:import_batch", batch_id=batch.pk)
    return render(request, "exchange/import_batch.html", {**_batch_context(batch), "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # a POST is looked up like a GET: 404 for a stranger
def import_progress(request: AuthenticatedRequest, batch_id: int) -> HttpResponse:
    """The batch's state for the page to poll (htmx) while the file is checked or imported. When
    the work ends the whole page is reloaded, so that the report and its form are shown."""
    batch = access.get_import_for_user(request.user, batch_id)
    response = render(request, "exchange/_import_progress.html", {"batch": batch})
    if not batch.in_progress:
        response["HX-Refresh"] = "true"
    return response
