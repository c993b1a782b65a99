from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.accounts.models import TOKEN_LIFETIME, ApiToken, TokenScope, User


class Command(BaseCommand):
    help = (
        "Issue a new API bearer token for a user and print it once. Only its digest is stored. "
        "Users can also issue and revoke their own tokens on their API tokens page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="")
        parser.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ)
        parser.add_argument("--days", type=int, default=TOKEN_LIFETIME.days, help=f"1 to {TOKEN_LIFETIME.days}")

    def handle(self, *args: Any, username: str, label: str, scope: str, days: int, **options: Any) -> None:
        if not 1 <= days <= TOKEN_LIFETIME.days:
            raise CommandError(f"--days must be between 1 and {TOKEN_LIFETIME.days}.")
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user named {username!r}.") from exc
        _token, secret = ApiToken.issue(user, label=label, scope=scope, lifetime=timedelta(days=days))
        self.stdout.write(secret)
