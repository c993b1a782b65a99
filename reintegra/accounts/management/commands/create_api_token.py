from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue a new API bearer token for a user and print it once. Only its digest is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="")

    def handle(self, *args: Any, username: str, label: str, **options: Any) -> None:
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user named {username!r}.") from exc
        _token, secret = ApiToken.issue(user, label=label)
        self.stdout.write(secret)
