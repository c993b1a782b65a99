from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.access.scope import case_scope
from reintegra.accounts.models import Role
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.audit.models import AuditAction
from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.forms import LANGUAGE_CHOICES
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.links import link_by_id
from reintegra.directory import access as directory_access
from reintegra.directory.views import gaps_context
from reintegra.exchange import access as exchange_access
from reintegra.orgs.models import Organisation
from reintegra.plans.models import ActionStatus, Delivery
from reintegra.referrals import access, actions
from reintegra.referrals.forms import MoveForm, ProposeForm, SendForm, SharingConsentForm
from reintegra.referrals.models import TRANSITIONS, ReferralStatus

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def _referral_actions(scope, area: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """The plan's open actions to be delivered by referral in this area, as form choices."""
    rows = scope.actions().filter(
        area=area, delivery=Delivery.REFERRAL, status__in=(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
    )
    return [(action.pk, action.description[:120]) for action in rows]


@login_required
@require_http_methods(["GET", "POST"])
def case_referrals(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The case's referrals, and a new one to a service picked in the directory."""
    post = request.method == "POST"
    scope = access.referrals_scope(request.user, case_id, write=post)
    case = scope.case
    source = request.POST if post else request.GET
    service = area = None
    form = None
    if source.get("service"):
        try:
            service = directory_access.get_service_for_user(request.user, int(source["service"]))
        except (ValueError, Http404):
            service = None
        area = source.get("area") if source.get("area") in scope.area_codes() else None
        if service is not None and area is None:
            area = next((code for code in service.area_codes if code in scope.area_codes()), None)
    if service is not None and area is not None:
        family = [
            (member.pk, f"{member.person.full_name} ({member.get_relationship_display()})")
            for member in scope.family_members()
        ]
        form = ProposeForm(request.POST if post else None, actions=_referral_actions(scope, area), family=family)
        if post and form.is_valid():
            action_id = form.cleaned_data["action"]
            member_id = form.cleaned_data.get("family_member")
            try:
                referral = actions.propose_referral(
                    actor=request.user,
                    case=case,
                    service=service,
                    area=area,
                    reason=form.cleaned_data["reason"],
                    reason_kind=form.cleaned_data["reason_kind"],
                    sections=form.cleaned_data["sections"],
                    action=scope.action(action_id) if action_id else None,
                    family_member=scope.family_member(member_id) if member_id else None,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(
                    request, _("Referral prepared. Record the person's consent to the sharing, then send it.")
                )
                return redirect("referrals:referral", referral_id=referral.pk)
    elif post:
        messages.error(request, _("Pick a service in the directory first."))
        return redirect("referrals:case", case_id=case.pk)
    return render(
        request,
        "referrals/case_referrals.html",
        {
            "case": case,
            "referrals": list(scope.referrals().select_related("service__provider", "to_organisation", "to_partner")),
            "form": form,
            "service": service,
            "area": area,
        },
    )


def _targets(referral, side: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        code
        for code, who in TRANSITIONS.get(referral.status, {}).items()
        if who in (side, "either") and code != ReferralStatus.SENT
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # a POST is looked up like a GET: 404 for a stranger
def referral(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    found, side = access.get_referral_for_user(request.user, referral_id)
    targets = _targets(found, side)
    events = list(found.events.select_related("by"))
    if side == actions.RECEIVER:
        # The sender's notes (why a child's referral went without consent) stay with the sender,
        # and once the referral ends the receiver keeps only what they wrote themselves.
        for event in events:
            if event.by.organisation_id != request.user.organisation_id:
                event.note = ""
    proposed = found.status == ReferralStatus.PROPOSED and side == actions.SENDER
    return render(
        request,
        "referrals/referral.html",
        {
            "referral": found,
            "side": side,
            "for_whom": found.for_whom(with_name=side == actions.SENDER or found.shares_identity_with_receiver()),
            "events": events,
            "consent_form": SharingConsentForm(initial={"decided_on": timezone.localdate()}) if proposed else None,
            "send_form": SendForm() if proposed else None,
            "may_override": proposed and request.user.has_role(Role.SUPERVISOR),
            "move_form": MoveForm(targets=targets, sender=side == actions.SENDER) if targets else None,
        },
    )


@login_required
@require_POST
def consent(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    found, side = access.get_referral_for_user(request.user, referral_id, write=True)
    if side != actions.SENDER:
        raise Http404
    apply_form(
        request,
        SharingConsentForm(request.POST),
        lambda data: actions.record_sharing_consent(actor=request.user, referral=found, **data),
        _("The person's decision on this sharing is recorded."),
    )
    return redirect("referrals:referral", referral_id=found.pk)


@login_required
@require_POST
def send(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    found, side = access.get_referral_for_user(request.user, referral_id, write=True)
    apply_form(
        request,
        SendForm(request.POST),
        lambda data: actions.send_referral(actor=request.user, side=side, referral=found, **data),
        _("Referral sent."),
    )
    return redirect("referrals:referral", referral_id=found.pk)


@login_required
@require_POST
def move(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    found, side = access.get_referral_for_user(request.user, referral_id, write=True)
    apply_form(
        request,
        MoveForm(request.POST, targets=_targets(found, side), sender=side == actions.SENDER),
        lambda data: actions.move_referral(actor=request.user, side=side, referral=found, **data),
        _("Referral updated."),
    )
    if side == actions.RECEIVER and found.is_ended:
        return redirect("referrals:inbox")
    return redirect("referrals:referral", referral_id=found.pk)


# The oldest waiting and in service, and the latest ended: a big provider has thousands.
INBOX_SHOWN, ENDED_SHOWN = 50, 20
INBOX_COLUMNS = ("pk", "sent_at", "ended_at", "status", "service__name")
STATUS_LABELS = dict(ReferralStatus.choices)


def _day(moment: datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def _inbox_rows(rows: Any) -> list[dict[str, Any]]:
    # Dates and labels written here, not by template filters and tags for each of 120 rows:
    # rendering them was half the page's time.
    return [
        {
            **row,
            "url": link_by_id("referrals:referral", row["pk"]),
            "status_label": STATUS_LABELS[row["status"]],
            "sent_on": _day(row["sent_at"]),
            "ended_on": _day(row["ended_at"]),
        }
        for row in rows
    ]


@login_required
@require_GET
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    """A provider's referrals: waiting for an answer (oldest first), in service, and ended."""
    if not access.receives_referrals(request.user):
        raise Http404
    # Plain values, no records: a provider's inbox lists hundreds of referrals, and a record would
    # open every encrypted field of each (bench: 119 ms a request at 1,000 referrals).
    referrals = access.referrals_received_by(request.user)
    # Each list is read in order from an index of its own (Referral.Meta.indexes) and cut: the
    # case numbers are then joined for the rows shown only. Sorted whole, the join read every
    # case of the database for each list (30 ms a list at 100,000 cases).
    received = referrals.values(*INBOX_COLUMNS, case_number=F("case__number"))
    now = timezone.now()
    waiting_rows = received.filter(status=ReferralStatus.SENT)
    waiting = _inbox_rows(waiting_rows.order_by("sent_at", "pk")[:INBOX_SHOWN])
    for row in waiting:
        days = (now - row["sent_at"]).days if row["sent_at"] else 0
        row["waited"] = ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
    in_service = _inbox_rows(
        received.filter(status__in=(ReferralStatus.ACCEPTED, ReferralStatus.IN_SERVICE)).order_by("sent_at", "pk")[
            :INBOX_SHOWN
        ]
    )
    ended = _inbox_rows(received.filter(ended_at__isnull=False).order_by("-ended_at", "-pk")[:ENDED_SHOWN])
    return render(
        request,
        "referrals/inbox.html",
        {
            "waiting": waiting,
            "in_service": in_service,
            "ended": ended,
            # Only the waiting are counted: what is still to answer is the number a provider acts on.
            # Counted on the referrals alone: the rows' join to their service is not needed.
            "waiting_count": referrals.filter(status=ReferralStatus.SENT).count()
            if len(waiting) == INBOX_SHOWN
            else len(waiting),
            "shown": INBOX_SHOWN,
            "ended_shown": ENDED_SHOWN,
            # From partners on other installations (reintegra.exchange): oldest waiting first.
            "incoming": list(
                exchange_access.incoming_for(request.user)
                .select_related("partner")
                .order_by(F("answered_at").asc(nulls_first=True), "sent_at")[:100]
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # a POST is looked up like a GET: 404 for a stranger
def shared_case(request: AuthenticatedRequest, referral_id: int) -> HttpResponse:
    """What the receiving provider may read of the case: the shared sections, through the case
    scope like every read, and logged; nothing once the referral has ended."""
    found, side = access.get_referral_for_user(request.user, referral_id)
    if side != actions.RECEIVER:
        raise Http404
    scope = case_scope(
        request.user, found.case_id, sections=found.shared_sections, action=AuditAction.VIEW_REFERRED_CASE
    )
    return render(
        request,
        "referrals/shared_case.html",
        {
            "referral": found,
            "case": scope.case,
            "person": scope.case.person if scope.can_see("identity") else None,
            "languages": ", ".join(
                str(LANGUAGE_NAMES.get(code, code))
                for code in (scope.case.person.languages if scope.can_see("identity") else [])
            ),
            "actions": list(scope.actions()) if scope.plan() else [],
            "sections": sorted(scope.sections),
        },
    )


@login_required
@require_GET
def network(request: AuthenticatedRequest) -> HttpResponse:
    """The coordinator's view of the network: how referrals fare by organisation and service area,
    and the gaps. Counts only, small ones suppressed."""
    figures = access.network_figures(request.user)
    names: dict[object, str] = dict(
        # Receivers abroad are keyed "partner:<name>", not by an organisation of this installation.
        Organisation.objects.filter(
            pk__in=[key for key in (*figures.by_receiver, *figures.by_sender) if isinstance(key, int)]
        ).values_list("pk", "name")
    )

    def named(
        groups: dict[object, dict[str, int | float | None]], label: Callable[[object], str]
    ) -> list[dict[str, object]]:
        return sorted(
            ({"label": label(key), **values} for key, values in groups.items()), key=lambda row: str(row["label"])
        )

    areas = {code: str(area.label) for code, area in AREAS_BY_CODE.items()}

    def receiver_name(key: object) -> str:
        if isinstance(key, str) and key.startswith("partner:"):
            return _("%(name)s (another installation)") % {"name": key.removeprefix("partner:")}
        return names.get(key, "?")

    return render(
        request,
        "referrals/network.html",
        {
            "tables": [
                (
                    _("By receiving organisation"),
                    "by-receiver",
                    named(figures.by_receiver, receiver_name),
                ),
                (_("By sending organisation"), "by-sender", named(figures.by_sender, lambda pk: names.get(pk, "?"))),
                (_("By service area"), "by-area", named(figures.by_area, lambda code: areas.get(str(code), str(code)))),
            ],
            "total": figures.total,
            **gaps_context(request.user),
        },
    )
