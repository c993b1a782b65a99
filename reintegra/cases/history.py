"""The case timeline and its access log. Callers pass a case they obtained from the access
layer; nothing here checks permissions itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.audit.models import AuditKind, AuditRecord
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import CaseStatus, ClosureReason

TIMELINE_LIMIT = 100
VIEWERS_LIMIT = 50

_CHANGE_LABELS = {
    "update_person": gettext_lazy("Personal details changed"),
    "update_case": gettext_lazy("Case details changed"),
    "set_team": gettext_lazy("Team changed"),
    "start_assessment": gettext_lazy("Needs assessment started"),
    "record_area": gettext_lazy("Needs assessment updated"),
    "record_views": gettext_lazy("The person's priorities recorded"),
    "record_consent": gettext_lazy("Consent decision recorded"),
    "withdraw_consent": gettext_lazy("Consent withdrawn"),
    "reconfirm_consent": gettext_lazy("Consent re-confirmed"),
    "create_plan": gettext_lazy("Plan started"),
    "update_plan": gettext_lazy("Plan updated"),
    "add_goal": gettext_lazy("Goal added to the plan"),
    "add_action": gettext_lazy("Action added to the plan"),
    "action_decision": gettext_lazy("The person decided on an action"),
    "action_status": gettext_lazy("Action status changed"),
    "add_support": gettext_lazy("Support recorded"),
    "start_followup": gettext_lazy("Follow-up started"),
    "intensify_followup": gettext_lazy("Follow-up stepped up after a setback"),
    "set_contact_preferences": gettext_lazy("Contact preferences changed"),
    "log_contact": gettext_lazy("Contact recorded"),
    "record_review": gettext_lazy("Outcome review recorded"),
    "record_setback": gettext_lazy("Setback recorded"),
    "supervision_note": gettext_lazy("Supervision note written"),
    "add_family_member": gettext_lazy("Family member added"),
    "update_family_member": gettext_lazy("Family member details changed"),
    "record_family_need": gettext_lazy("Need of a family member recorded"),
    "family_need_status": gettext_lazy("Need of a family member updated"),
    "print_plan": gettext_lazy("Plan printed for the person"),
}
# Changes whose field names would say more than the timeline's readers may know.
_NO_FIELD_LIST = {
    "print_plan",
    "add_family_member",
    "update_family_member",
    "record_family_need",
    "family_need_status",
    "record_area",
    "record_views",
    "start_assessment",
    "set_team",
    "record_consent",
    "withdraw_consent",
    "reconfirm_consent",
    "add_goal",
    "add_action",
    "action_decision",
    "action_status",
    "add_support",
    "set_contact_preferences",
    "log_contact",
    "record_review",
    "record_setback",
    "supervision_note",
}


def _field_label(name: str) -> str:
    for model in (Person, Case):
        try:
            return str(getattr(model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            continue
    return name


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
            title = _("Reopened: %(status)s") % {"status": CaseStatus(change.to_status).label}
        elif not change.from_status:
            title = _("Case opened")
        entries.append(TimelineEntry(change.changed_at, title, change.note, change.changed_by.display_name()))
    records = (
        AuditRecord.objects.for_case(case.pk)
        .filter(kind=AuditKind.CHANGE)
        # Status moves come from the status history above, and registration is its first entry.
        .exclude(action__in=["change_status", "reopen", "register"])
        .select_related("actor")
        .order_by("-at")[:TIMELINE_LIMIT]
    )
    for record in records:
        fields = record.decrypted_detail() or {}
        detail = "" if record.action in _NO_FIELD_LIST else ", ".join(sorted(_field_label(name) for name in fields))
        by = record.actor.display_name() if record.actor else _("system")
        entries.append(TimelineEntry(record.at, str(_CHANGE_LABELS.get(record.action, record.action)), detail, by))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:TIMELINE_LIMIT]


def viewers_of(case: Case) -> list[AuditRecord]:
    return list(
        AuditRecord.objects.for_case(case.pk)
        .filter(kind=AuditKind.ACCESS)
        .select_related("actor")
        .order_by("-at")[:VIEWERS_LIMIT]
    )
