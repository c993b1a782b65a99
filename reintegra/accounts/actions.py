"""Account workflows: issuing and accepting the invitation that enrols a second factor. Each runs
in one transaction with its audit record."""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import ApiToken, Invitation, TokenScope, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction

INVITATION_VALID_FOR = timedelta(hours=72)


def issue_invitation(
    *, user: User, issued_by: User | None, valid_for: timedelta = INVITATION_VALID_FOR
) -> tuple[Invitation, str]:
    """A new invitation for `user`, replacing any earlier one that is still open. Returns the
    record and the token, which is shown once and never stored."""
    if not user.is_active:
        raise ValidationError(_("This account is switched off; switch it on before inviting its owner."))
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        replaced = Invitation.objects.filter(user=user).usable().update(revoked_at=now)
        invitation = Invitation.objects.create(
            user=user,
            digest=ApiToken.digest_of(token),
            issued_by=issued_by,
            issued_at=now,
            expires_at=now + valid_for,
        )
        log.log_change(
            actor=issued_by,
            case=None,
            action=AuditAction.ISSUE_INVITATION,
            changes={
                "user": (None, user.pk),
                "expires_at": (None, invitation.expires_at),
                "replaced": (None, replaced),
            },
        )
    return invitation, token


def issue_api_token(*, actor: User, label: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new API token for the actor. Returns the record and the secret, shown once, never stored."""
    if scope not in TokenScope.values:
        raise ValidationError(_("Unknown token scope."))
    with transaction.atomic():
        token, secret = ApiToken.issue(actor, label=label, scope=scope, lifetime=timedelta(days=days))
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.ISSUE_API_TOKEN,
            changes={"token": (None, token.pk), "scope": (None, scope), "expires_at": (None, token.expires_at)},
        )
    return token, secret


def revoke_api_token(*, actor: User, token: ApiToken) -> None:
    with transaction.atomic():
        token.revoke()
        log.log_change(actor=actor, case=None, action=AuditAction.REVOKE_API_TOKEN, changes={"token": (token.pk, None)})


def find_usable_invitation(token: str) -> Invitation | None:
    return Invitation.objects.usable().select_related("user").filter(digest=ApiToken.digest_of(token)).first()


def accept_invitation(*, invitation: Invitation, password: str, totp_secret: str, code: str) -> User:
    """Set the password and enrol the authenticator whose code was typed, in one step. Any
    earlier second factor of the account (a lost phone) is replaced."""
    user = invitation.user
    errors: dict[str, list[str]] = {}
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if not validate_totp_code(totp_secret, code.replace(" ", "")):
        errors["code"] = [_("This code does not match. Type the six digits your app shows now.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Locked and re-checked, so two tabs cannot both spend one invitation.
        current = Invitation.objects.select_for_update().usable().filter(pk=invitation.pk).first()
        if current is None or not user.is_active:
            raise ValidationError(
                _("This invitation has expired or was already used. Ask your administrator for a new one.")
            )
        current.used_at = timezone.now()
        current.save(update_fields=["used_at"])
        user.set_password(password)
        user.save(update_fields=["password"])
        Authenticator.objects.filter(user=user).delete()
        TOTP.activate(user, totp_secret)
        RecoveryCodes.activate(user)
        log.log_change(
            actor=user, case=None, action=AuditAction.ACCEPT_INVITATION, changes={"invitation": (None, current.pk)}
        )
    return user
