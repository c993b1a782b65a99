import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the database and its keys to a file, readable only with the "
        "backup secret key (see generate_backup_keypair). Safe while the server runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="the backup file to write (must not exist)")

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        public_key = settings.REINTEGRA_BACKUP_PUBLIC_KEY
        if not public_key:
            raise CommandError("REINTEGRA_BACKUP_PUBLIC_KEY is not set: run generate_backup_keypair first.")
        if output.exists():
            raise CommandError(f"{output} exists already; backups are never overwritten.")
        partial = output.with_name(output.name + ".partial")
        try:
            # Readable by its owner only, from the first byte; renamed into place once complete.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                manifest = write_backup(file, public_key)
            partial.rename(output)
        except BackupError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        self.stdout.write(f"Backup written to {output} ({manifest['vendor']}, {manifest['created_at']}).")
