"""The case timeline and its access log. Callers pass a case they obtained from the access
layer; nothing here checks permissions itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.audit.models import AuditAction, AuditKind, AuditRecord
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import (
    BACKDATED_AFTER_DAYS,
    CaseStatus,
    ClosureReason,
    ReopeningReason,
    ReopeningRequester,
)
from reintegra.followups.models import FollowUp
from reintegra.plans.models import Plan

TIMELINE_LIMIT = 100
VIEWERS_LIMIT = 50

# Changes whose field names would say more than the timeline's readers may know.
_NO_FIELD_LIST = {
    AuditAction.PRINT_PLAN,
    AuditAction.ADD_FAMILY_MEMBER,
    AuditAction.UPDATE_FAMILY_MEMBER,
    AuditAction.RECORD_FAMILY_NEED,
    AuditAction.FAMILY_NEED_STATUS,
    AuditAction.RECORD_AREA,
    AuditAction.RECORD_VIEWS,
    AuditAction.START_ASSESSMENT,
    AuditAction.SET_TEAM,
    AuditAction.RECORD_CONSENT,
    AuditAction.WITHDRAW_CONSENT,
    AuditAction.RECONFIRM_CONSENT,
    AuditAction.ADD_GOAL,
    AuditAction.ADD_ACTION,
    AuditAction.ACTION_DECISION,
    AuditAction.ACTION_STATUS,
    AuditAction.ADD_SUPPORT,
    AuditAction.SET_CONTACT_PREFERENCES,
    AuditAction.LOG_CONTACT,
    AuditAction.RECORD_REVIEW,
    AuditAction.RECORD_SETBACK,
    AuditAction.SUPERVISION_NOTE,
}


# Keys of change records that are not model fields.
_OTHER_LABELS = {"setback": gettext_lazy("setback date"), "goal": gettext_lazy("goal"), "area": gettext_lazy("area")}


def _field_label(name: str) -> str:
    """A changed field in words: the model's own label, never the code's name."""
    if name in _OTHER_LABELS:
        return str(_OTHER_LABELS[name])
    for model in (Person, Case, Plan, FollowUp):
        try:
            return str(getattr(model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            continue
    return name.replace("_", " ")


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    title: str
    detail: str
    by: str


def timeline_for(case: Case) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for change in case.status_changes.select_related("changed_by").order_by("-changed_at")[:TIMELINE_LIMIT]:
        title = _("Status: %(status)s") % {"status": CaseStatus(change.to_status).label}
        if change.closure_reason:
            title += " (" + str(ClosureReason(change.closure_reason).label) + ")"
        if change.is_reopening:
            title = _("Reopened: %(status)s (episode %(episode)s): %(reason)s, asked by %(who)s") % {
                "status": CaseStatus(change.to_status).label,
                "episode": change.episode,
                "reason": ReopeningReason(change.reopening_reason).label.lower(),
                "who": ReopeningRequester(change.requested_by).label.lower(),
            }
        elif not change.from_status:
            title = _("Case opened")
            if (timezone.localdate(change.changed_at) - case.opened_on).days > BACKDATED_AFTER_DAYS:
                title = _("Case opened on %(day)s, entered later (backdated)") % {"day": case.opened_on.isoformat()}
        entries.append(TimelineEntry(change.changed_at, title, change.note, change.changed_by.display_name()))
    records = (
        AuditRecord.objects.for_case(case.pk)
        .filter(kind=AuditKind.CHANGE)
        # Status moves come from the status history above, and registration is its first entry.
        .exclude(action__in=[AuditAction.CHANGE_STATUS, AuditAction.REOPEN, AuditAction.REGISTER])
        .select_related("actor")
        .order_by("-at")[:TIMELINE_LIMIT]
    )
    for record in records:
        fields = record.decrypted_detail() or {}
        detail = "" if record.action in _NO_FIELD_LIST else ", ".join(sorted(_field_label(name) for name in fields))
        by = record.actor.display_name() if record.actor else _("system")
        entries.append(TimelineEntry(record.at, record.get_action_display(), detail, by))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:TIMELINE_LIMIT]


def viewers_of(case: Case) -> list[AuditRecord]:
    return list(
        AuditRecord.objects.for_case(case.pk)
        .filter(kind=AuditKind.ACCESS)
        .select_related("actor")
        .order_by("-at")[:VIEWERS_LIMIT]
    )
