from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reintegra.notifications import actions


class Command(BaseCommand):
    help = (
        "Work out the reminders due now, write each one once, and email them. Safe to run as often "
        "as you like, for a deployment whose scheduler runs it instead of the task worker."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = actions.send_due_reminders(now=timezone.now())
        self.stdout.write(
            "Reminders: {notified} new, {tasks} tasks, {settled} settled, {emailed} emailed, "
            "{email_failures} emails failed.".format(**summary.as_dict())
        )
