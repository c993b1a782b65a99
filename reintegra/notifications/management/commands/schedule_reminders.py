from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from reintegra.notifications.tasks import schedule_next_run


class Command(BaseCommand):
    help = (
        "Queue the reminder job for the task worker (manage.py db_worker), which then runs it at the "
        "configured interval. Does nothing when a run is already waiting."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if schedule_next_run(after=timedelta(0)):
            self.stdout.write("Reminder job queued; the task worker runs it.")
        else:
            self.stdout.write("A reminder run is already waiting.")
