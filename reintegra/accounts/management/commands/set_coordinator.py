from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reintegra.accounts.models import Role, RoleGrant, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction


class Command(BaseCommand):
    help = (
        "Give a user the network coordinator role (the network's directory, its referral and report "
        "figures, its research extract), or take it away with --remove. Only the platform's operators "
        "do this: an organisation's administrator manages the roles of that organisation alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args: Any, username: str, remove: bool, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True, organisation__isnull=False).first()
        if user is None:
            raise CommandError(f"No active user named {username!r} in an organisation.")
        with transaction.atomic():
            before = sorted(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
            if remove:
                RoleGrant.objects.filter(user=user, role=Role.COORDINATOR).delete()
            else:
                RoleGrant.objects.get_or_create(user=user, role=Role.COORDINATOR)
            after = sorted(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
            if before != after:
                log.log_change(
                    actor=None,
                    case=None,
                    action=AuditAction.CHANGE_STAFF_ROLES,
                    changes={"user": (user.pk, user.pk), "roles": (before, after)},
                )
        self.stdout.write(f"{username}: {', '.join(after) or 'no role'}")
