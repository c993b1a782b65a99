from typing import Any

from django.core.management.base import BaseCommand

from reintegra.core.backup import new_keypair


class Command(BaseCommand):
    help = (
        "Print a new backup key pair. The public key goes into the server's environment "
        "(REINTEGRA_BACKUP_PUBLIC_KEY); the secret key is kept offline, away from the server, and "
        "is needed only to restore."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        public, secret = new_keypair()
        self.stdout.write(f"REINTEGRA_BACKUP_PUBLIC_KEY={public}")
        self.stdout.write(f"REINTEGRA_BACKUP_SECRET_KEY={secret}")
        self.stderr.write(
            "Keep the secret key offline (a password manager, a sealed envelope): without it no "
            "backup can be restored, and with it anyone holding a backup can read it."
        )
