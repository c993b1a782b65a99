from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import CaseScope
from reintegra.core.flow import attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.uploads import TOO_BIG, InMemoryUploadHandler
from reintegra.documents import access, actions, scans
from reintegra.documents.forms import AttachmentForm, DocumentForm, StepForm
from reintegra.documents.models import STATUS_ORDER, Document
from reintegra.family.models import FamilyMember, Relationship
from reintegra.plans.models import Action

CHILDREN = (Relationship.CHILD, Relationship.CHILD_BORN_IN_EXPLOITATION)


def _adm_actions(scope: CaseScope) -> list[Action]:
    """The plan's actions in administrative support, which a fee may be counted under."""
    return list(scope.actions().filter(area=actions.ADMINISTRATIVE_AREA).order_by("pk"))


def fee_totals(documents: list[Document]) -> list[tuple[str, Decimal]]:
    """The fees paid towards these documents, one total per currency (never added across them)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for document in documents:
        for step in document.steps.all():
            if step.fee_amount is not None:
                totals[step.fee_currency] += step.fee_amount
    return sorted(totals.items())


def by_holder(scope: CaseScope, documents: list[Document], members: list[FamilyMember]) -> list[dict[str, Any]]:
    """The documents grouped by whose they are, the person first, then family members in the
    order they were added; in each group what is still to be done first. Children appear even
    without a document yet: a child born during the exploitation often has none at all."""
    groups: dict[int | None, dict[str, Any]] = {
        None: {"holder": None, "name": scope.case.person.full_name, "documents": []}
    }
    for child in members:
        if child.relationship in CHILDREN:
            groups[child.pk] = {"holder": child, "name": child.display_name(), "documents": []}
    for document in sorted(documents, key=lambda d: (STATUS_ORDER.get(d.status, len(STATUS_ORDER)), d.pk)):
        member = document.family_member
        if member is not None and member.pk not in groups:
            groups[member.pk] = {"holder": member, "name": member.display_name(), "documents": []}
        groups[member.pk if member else None]["documents"].append(document)
    ordered = [groups.pop(None)]
    return ordered + sorted(groups.values(), key=lambda group: group["holder"].pk)


def _page(
    request: AuthenticatedRequest,
    scope: CaseScope,
    *,
    form: forms.Form | None = None,
    bound: dict[int, dict[str, forms.Form]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The documents page; a form that was just refused comes in `form` (a new document) or
    `bound` (a document's step or scan), with its errors and what was typed."""
    documents = list(scope.documents())
    members = list(scope.family_members())
    adm_actions = _adm_actions(scope)
    today = timezone.localdate()
    currency = scope.case.organisation.currency
    for document in documents:
        given = (bound or {}).get(document.pk, {})
        document.step_form = given.get("step") or StepForm(  # type: ignore[attr-defined]
            prefix=f"step{document.pk}", actions=adm_actions, initial={"on": today, "fee_currency": currency}
        )
        document.attachment_form = given.get("attachment") or AttachmentForm(  # type: ignore[attr-defined]
            prefix=f"scan{document.pk}"
        )
    obstacles = [(document, step) for document in documents for step in document.steps.all() if step.obstacle]
    return render(
        request,
        "documents/documents.html",
        {
            "case": scope.case,
            "groups": by_holder(scope, documents, members),
            "fees": fee_totals(documents),
            "obstacles": sorted(obstacles, key=lambda pair: (pair[1].on, pair[1].pk)),
            "form": form or DocumentForm(members=members),
            "max_bytes": scans.max_bytes(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The papers the person and each family member need and have, with what was done towards
    them, the fees paid and the obstacles met; and a form to record one."""
    scope = access.documents_scope(request.user, case_id, write=request.method == "POST")
    if request.method != "POST":
        return _page(request, scope)
    form = DocumentForm(request.POST, members=scope.family_members())
    if form.is_valid():
        data = dict(form.cleaned_data)
        member_id = data.pop("holder")
        try:
            actions.record_document(
                actor=request.user,
                case=scope.case,
                holder=scope.family_member(member_id) if member_id is not None else None,
                **data,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Document recorded."))
            return redirect("documents:documents", case_id=case_id)
    return _page(request, scope, form=form)


def _back_to(case_id: int, document_id: int) -> HttpResponse:
    return redirect(f"{reverse('documents:documents', args=[case_id])}#document-{document_id}")


@login_required
@require_POST
def step(request: AuthenticatedRequest, case_id: int, document_id: int) -> HttpResponse:
    scope = access.documents_scope(request.user, case_id, write=True)
    document = scope.document(document_id)
    form = StepForm(request.POST, prefix=f"step{document_id}", actions=_adm_actions(scope))
    if form.is_valid():
        data = dict(form.cleaned_data)
        action_id = data.pop("plan_action")
        try:
            actions.record_document_step(
                actor=request.user,
                document=document,
                plan_action=scope.action(action_id) if action_id is not None else None,
                **data,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Step recorded."))
            return _back_to(case_id, document_id)
    return _page(request, scope, bound={document_id: {"step": form}})


@csrf_exempt
@login_required
@require_POST
def attach(request: AuthenticatedRequest, case_id: int, document_id: int) -> HttpResponse:
    """Keep a scan of a document. Whether the user may is settled first, before a byte of the
    upload is read. The upload is then read by our own handler (in memory, up to the limit),
    which must be in place before anything reads the body: hence CSRF is checked in here rather
    than by the middleware, which would read it first (Django's documented way)."""
    scope = access.documents_scope(request.user, case_id, write=True)
    document = scope.document(document_id)
    request.upload_handlers = [InMemoryUploadHandler(request, scans.max_bytes())]
    return _attach(request, scope=scope, document=document)


@csrf_protect
def _attach(request: AuthenticatedRequest, *, scope: CaseScope, document: Document) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES, prefix=f"scan{document.pk}")
    too_big = getattr(request, TOO_BIG, None)
    if too_big is not None:
        form.is_valid()
        form.errors.pop("file", None)  # "no file": it was dropped for its size, which is the reason to give
        attach_errors(form, _size_error(too_big))
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.add_attachment(actor=request.user, document=document, data=upload.read(), filename=upload.name)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Scan attached. It is kept encrypted."))
            return _back_to(scope.case.pk, document.pk)
    return _page(request, scope, bound={document.pk: {"attachment": form}})


def _size_error(size: int) -> ValidationError:
    try:
        scans.check_size(size)
    except ValidationError as exc:
        return exc
    return ValidationError({"file": _("This file is too big.")})


@login_required
def download(request: AuthenticatedRequest, case_id: int, document_id: int, attachment_id: int) -> HttpResponse:
    """A scan, to someone who may see the case's identity papers; 404 for anyone else, whatever
    the method (so that not even "method not allowed" tells that the scan exists)."""
    scope = access.documents_scope(request.user, case_id)
    attachment = scope.attachment(document_id, attachment_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return attachment_response(attachment, actions.open_attachment(actor=request.user, attachment=attachment))


def attachment_response(attachment: Any, data: bytes) -> HttpResponse:
    """The bytes as a download with the type read from them when they were taken, never shown
    in the browser's page, never guessed at by it, never kept by it."""
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=attachment.filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
