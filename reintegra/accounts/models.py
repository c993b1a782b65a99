from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("Case worker")
    SUPERVISOR = "supervisor", _("Supervisor")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    ANALYST = "analyst", _("Monitoring and evaluation analyst")
    COORDINATOR = "coordinator", _("Network coordinator")
    # Held alongside a casework role by a psychologist, doctor or nurse on a case team: opens the
    # professional assessments that other team members do not see.
    CLINICIAN = "clinician", _("Clinician")
    # Receives the complaints and feedback of the people served. Holds no casework role
    # (accounts.actions), so a complaint never reaches the team it may be about.
    COMPLAINTS_OFFICER = "complaints_officer", _("Complaints officer")


# Roles whose users must use a second factor: every role. Analysts and coordinators open no case,
# but they take the research extract (a row a person) and the network's figures, and a stolen
# account of theirs is a way in like any other.
ROLES_NEEDING_MFA = frozenset(
    {
        Role.CASE_WORKER,
        Role.SUPERVISOR,
        Role.ORG_ADMIN,
        Role.SERVICE_PROVIDER,
        Role.CLINICIAN,
        Role.ANALYST,
        Role.COORDINATOR,
        Role.COMPLAINTS_OFFICER,
    }
)
# Roles with powers over the whole network (its directory, its referral and report figures, its
# research extract): given by the platform's operators (`manage.py set_coordinator`), never by
# one organisation's administrator, who could otherwise reach every other organisation's figures.
NETWORK_ROLES = frozenset({Role.COORDINATOR})
# What an organisation's administrator may give and take away.
ORGANISATION_ROLES = tuple(role for role in Role if role not in NETWORK_ROLES)
# Roles that can hold a place on a case team.
CASEWORK_ROLES = frozenset({Role.CASE_WORKER, Role.SUPERVISOR})


class User(AbstractUser):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        help_text=_("Empty only for platform operators, who see no case data."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "is_active" in update_fields):
            was_active = User.objects.filter(pk=self.pk).values_list("is_active", flat=True).first()
            if was_active is not None and was_active != self.is_active:
                # Deactivated or reactivated, the tokens of before end: a reactivated account
                # starts with none, so a token copied while it was live cannot come back to life.
                ApiToken.objects.filter(user_id=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        super().save(*args, **kwargs)

    @property
    def roles(self) -> frozenset[str]:
        # Cached on the instance: the role set is read many times per request.
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            if not self.pk:
                return frozenset()
            cached = frozenset(self.role_grants.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def organisation_pk(self) -> int:
        """The organisation's id, for code paths only case-holding staff reach."""
        if self.organisation_id is None:
            raise PermissionError("This user belongs to no organisation.")
        return self.organisation_id

    @property
    def needs_mfa(self) -> bool:
        return self.is_superuser or self.is_staff or self.has_role(*ROLES_NEEDING_MFA)

    @property
    def does_casework(self) -> bool:
        return self.organisation_id is not None and self.has_role(*CASEWORK_ROLES)

    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @classmethod
    def caseworkers_in(cls, organisation_id: int) -> models.QuerySet[User]:
        """Active users who can be made responsible for casework in an organisation."""
        return cls.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            role_grants__role__in=[Role.CASE_WORKER, Role.SUPERVISOR],
        ).distinct()


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="role_grant_role_valid"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


# A token outlives no project phase by much: a lost one stops working on its own.
TOKEN_LIFETIME = timedelta(days=90)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a SHA-256 digest of the token is stored.

    Tokens are 256-bit random strings, so a plain digest is enough: there is nothing to
    brute-force, unlike a password. Each has an expiry and a scope, and its owner can revoke it.
    """

    PREFIX = "rtg_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scope__in=TokenScope.values), name="api_token_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.label or self.created_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(
        cls,
        user: User,
        label: str = "",
        *,
        scope: str = TokenScope.READ_WRITE,
        lifetime: timedelta = TOKEN_LIFETIME,
    ) -> tuple[ApiToken, str]:
        token = cls.PREFIX + secrets.token_urlsafe(32)
        expires_at = timezone.now() + lifetime
        created = cls.objects.create(
            user=user, digest=cls.digest_of(token), label=label, scope=scope, expires_at=expires_at
        )
        return created, token

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE

    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self) -> InvitationQuerySet:
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time, expiring link that lets a person set their password and enrol their second
    factor together. Only the administrator who issued it, and whoever they sent it to, ever sees
    the link: the password alone is not enough to enrol a device, so a stolen password cannot
    be turned into a working account. Only a SHA-256 digest of the link's token is stored.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer invitation replaces this one: only the latest link works.
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("issued_at")), name="invitation_expires_after_issue"
            ),
            models.CheckConstraint(
                condition=models.Q(used_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_used_or_revoked_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.issued_at:%Y-%m-%d %H:%M}"
