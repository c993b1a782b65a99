"""Rebuild the counting categories of every case (reintegra.reports.statistics). Run after
restoring a backup or after data was written without signals."""

from typing import Any

from django.core.management.base import BaseCommand

from reintegra.reports.statistics import rebuild_all


class Command(BaseCommand):
    help = "Recompute the monitoring reports' counting categories for every case."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_all()
        self.stdout.write(f"Counting categories rebuilt for {count} cases.")
