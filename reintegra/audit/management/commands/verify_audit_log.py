from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reintegra.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain. Exits non-zero and names the first broken record."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_chain()
        if broken is not None:
            where = f"record {broken.sequence}" + (f" (id {broken.record_id})" if broken.record_id else "")
            raise CommandError(f"Audit log broken at {where}: {broken.reason}. {checked} records before it are intact.")
        self.stdout.write(f"Audit log intact: {checked} records.")
