from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reintegra.notifications import actions
from reintegra.privacy.retention import apply_retention, describe


class Command(BaseCommand):
    help = (
        "Work out the reminders due now, write each one once, and email them; then apply the retention "
        "rules. Safe to run as often as you like, for a deployment whose scheduler runs it instead of "
        "the task worker."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        summary = actions.send_due_reminders(now=now)
        self.stdout.write(
            "Reminders: {notified} new, {tasks} tasks, {settled} settled, {emailed} emailed, "
            "{email_failures} emails failed.".format(**summary.as_dict())
        )
        # A scheduler that runs this command instead of the worker applies the retention rules too.
        self.stdout.write("Retention: " + describe(apply_retention(now=now)))
