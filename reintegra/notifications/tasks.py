"""The reminder job on django-tasks' database backend. Each run schedules the next one, unless one
is already waiting, so a worker (`manage.py db_worker`) keeps reminders going with nothing else
installed; `manage.py schedule_reminders` starts the chain and mends it after an outage."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from reintegra.notifications import actions
from reintegra.privacy.retention import apply_retention

logger = logging.getLogger(__name__)


@task()
def send_reminders() -> dict[str, int]:
    now = timezone.now()
    summary = actions.send_due_reminders(now=now)
    schedule_next_run(after=timedelta(minutes=settings.REINTEGRA_REMINDER_INTERVAL_MINUTES))
    # The retention rules run on the same schedule, after the next run is booked: whatever goes
    # wrong here must not stop the reminders. What is due is found by one query, and a run with
    # nothing due changes nothing.
    try:
        retention = apply_retention(now=now).as_dict()
    except Exception:
        logger.exception("Retention rules could not be applied")
        retention = {}
    return {**summary.as_dict(), **{f"retention_{key}": value for key, value in retention.items()}}


def schedule_next_run(*, after: timedelta) -> bool:
    """Enqueue a run `after` from now, unless a run is already waiting. True if one was enqueued."""
    with transaction.atomic():
        waiting = DBTaskResult.objects.select_for_update().filter(
            task_path=send_reminders.module_path, status=TaskResultStatus.READY
        )
        if waiting.exists():
            return False
        send_reminders.using(run_after=timezone.now() + after).enqueue()
    return True
