import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.core.backup import BackupError, read_backup, restore_database


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into the configured (empty) database, and write its keys to a "
        "key file for REINTEGRA_KEY_FILE. Then run verify_audit_log."
    )
    # The installation being restored may not have its keys yet: they come from the backup.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path)
        parser.add_argument("--secret-key-file", type=Path, required=True, help="holds the backup secret key")
        parser.add_argument("--keys-out", type=Path, required=True, help="the key file to write (must not exist)")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that is not empty")

    def handle(
        self, *args: Any, backup: Path, secret_key_file: Path, keys_out: Path, replace: bool, **options: Any
    ) -> None:
        if keys_out.exists():
            raise CommandError(f"{keys_out} exists already; choose another path for the restored keys.")
        try:
            secret = secret_key_file.read_text().strip().removeprefix("REINTEGRA_BACKUP_SECRET_KEY=")
            with tempfile.TemporaryDirectory(prefix="reintegra-restore-") as work, backup.open("rb") as source:
                unpacked = Path(work)
                manifest = read_backup(source, secret, unpacked)
                restore_database(manifest, unpacked, replace=replace)
                descriptor = os.open(keys_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "w") as file:
                    file.write((unpacked / "keys.env").read_text())
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}. Point REINTEGRA_KEY_FILE at {keys_out}, "
            "then run `manage.py verify_audit_log`."
        )
