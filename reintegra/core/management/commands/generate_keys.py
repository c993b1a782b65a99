from typing import Any

from django.core.management.base import BaseCommand

from reintegra.core.keys import new_key, new_key_id


class Command(BaseCommand):
    help = "Print a fresh set of keys, as lines for the environment or a key file."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"REINTEGRA_DATA_KEYS={new_key_id()}:{new_key()}")
        self.stdout.write(f"REINTEGRA_INDEX_KEY={new_key()}")
        self.stdout.write(f"REINTEGRA_AUDIT_KEY={new_key()}")
