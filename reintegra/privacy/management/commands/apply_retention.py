from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from reintegra.privacy.retention import apply_retention, describe


class Command(BaseCommand):
    help = (
        "Apply the retention rules: anonymise the persons whose last case closed longer ago than the "
        "retention period (unless on legal hold), and empty old complaints, search terms and import "
        "reports. The reminder job runs it on its schedule; safe to run as often as you like."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say what is due, change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        run = apply_retention(now=timezone.now(), dry_run=options["dry_run"])
        self.stdout.write(("Due (nothing changed): " if options["dry_run"] else "Retention: ") + describe(run))
