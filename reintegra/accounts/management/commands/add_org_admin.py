from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.actions import issue_invitation
from reintegra.accounts.models import Role, RoleGrant, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.orgs.models import Organisation


class Command(BaseCommand):
    help = (
        "Make an organisation's first administrator account, who then invites and manages the rest "
        "of its staff on the staff screens. Prints the one-time invitation link; send it to the "
        "person by a channel only they read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="the organisation's code")
        parser.add_argument("username")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(
        self, *args: Any, organisation: str, username: str, first_name: str, last_name: str, email: str, **options: Any
    ) -> None:
        found = Organisation.objects.filter(code=organisation).first()
        if found is None:
            raise CommandError(f"No organisation with the code {organisation!r}.")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"The user name {username!r} is taken.")
        try:
            with transaction.atomic():
                user = User(
                    username=username, first_name=first_name, last_name=last_name, email=email, organisation=found
                )
                user.set_unusable_password()
                user.full_clean()
                user.save()
                RoleGrant.objects.create(user=user, role=Role.ORG_ADMIN)
                log.log_change(
                    actor=None,
                    case=None,
                    action=AuditAction.INVITE_STAFF,
                    changes={"user": (None, user.pk), "username": (None, username), "roles": (None, [Role.ORG_ADMIN])},
                )
                invitation, token = issue_invitation(user=user, issued_by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        path = reverse("accounts:accept_invitation", kwargs={"token": token})
        self.stdout.write(settings.REINTEGRA_BASE_URL.rstrip("/") + path)
        self.stderr.write(f"Valid until {timezone.localtime(invitation.expires_at):%Y-%m-%d %H:%M %Z}.")
