"""Task workflows: one transaction each, with the audit record inside."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case, CaseTeamMember
from reintegra.core.errors import Conflict
from reintegra.outcomes.models import Review
from reintegra.tasks.models import OUTCOME_ALERT_DAYS, Task, TaskKind, TaskStatus


def assignee_for(case: Case, fallback: User) -> User:
    """The responsible case worker; without one, whoever recorded what raised the task, if on the
    team; else the first of the team. Nobody on the team is left without the task."""
    if case.responsible_id is not None:
        return case.responsible  # type: ignore[return-value]
    team = CaseTeamMember.objects.filter(case=case).select_related("user").order_by("pk")
    members = [member.user for member in team]
    if fallback in members or not members:
        return fallback
    return members[0]


def create_outcome_alert_task(
    *, actor: User, case: Case, review: Review, found: list[tuple[str, str]], today: date
) -> Task:
    """Called inside the review's transaction: a score of 1 or a drop of two asks the worker to act."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("An outcome alert is raised inside the transaction of the review that found it.")
    task = Task.objects.create(
        case=case,
        assigned_to=assignee_for(case, actor),
        kind=TaskKind.OUTCOME_ALERT,
        review=review,
        outcomes=[[code, why] for code, why in found],
        due_on=today + timedelta(days=OUTCOME_ALERT_DAYS),
    )
    log.log_change(
        actor=actor,
        case=case,
        action=AuditAction.CREATE_TASK,
        changes={"task": (None, task.pk), "kind": (None, task.kind), "assigned_to": (None, task.assigned_to_id)},
    )
    return task


def close_task(*, actor: User, task: Task, status: str) -> None:
    if status not in (TaskStatus.DONE, TaskStatus.DISMISSED):
        raise ValidationError(_("A task is closed as done or as not needed."))
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.status != TaskStatus.OPEN:
            raise Conflict(_("This task was already closed."))
        locked.status, locked.closed_by, locked.closed_at = status, actor, timezone.now()
        locked.save(update_fields=["status", "closed_by", "closed_at"])
        log.log_change(
            actor=actor,
            case=task.case,
            action=AuditAction.CLOSE_TASK,
            changes={"task": (task.pk, task.pk), "status": (TaskStatus.OPEN, status)},
        )
