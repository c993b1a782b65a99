from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actions import INVITATION_VALID_FOR, issue_invitation
from reintegra.accounts.models import User


class Command(BaseCommand):
    help = (
        "Issue a one-time invitation link with which a user sets their password and enrols their "
        "authenticator. Replaces any earlier open invitation. Print the link once; send it to the "
        "person by a channel only they read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--hours", type=int, default=int(INVITATION_VALID_FOR.total_seconds() // 3600), help="how long it works"
        )

    def handle(self, *args: Any, username: str, hours: int, **options: Any) -> None:
        if not 1 <= hours <= 24 * 14:
            raise CommandError("--hours must be between 1 and 336 (two weeks).")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            invitation, token = issue_invitation(user=user, issued_by=None, valid_for=timedelta(hours=hours))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        path = reverse("accounts:accept_invitation", kwargs={"token": token})
        self.stdout.write(settings.REINTEGRA_BASE_URL.rstrip("/") + path)
        self.stderr.write(f"Valid until {timezone.localtime(invitation.expires_at):%Y-%m-%d %H:%M %Z}.")
