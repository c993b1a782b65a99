"""Account workflows: issuing and accepting the invitation that enrols a second factor, and an
organisation administrator's management of their staff's accounts. Each runs in one transaction
with its audit record."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.access import administers_staff
from reintegra.accounts.models import (
    CASEWORK_ROLES,
    NETWORK_ROLES,
    ORGANISATION_ROLES,
    ApiToken,
    Invitation,
    Role,
    RoleGrant,
    TokenScope,
    User,
)
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


# Organisation administration ------------------------------------------------------------------


def _require_administers(actor: User, member: User | None = None) -> None:
    # The views and the API reach members through accounts.access; this guards the workflows
    # against any other caller.
    if not administers_staff(actor) or (member is not None and member.organisation_id != actor.organisation_id):
        raise ValidationError(_("Only an administrator of this organisation can manage its accounts."))


def _check_roles(roles: Iterable[str]) -> list[str]:
    chosen = sorted(set(roles))
    if not chosen:
        raise ValidationError({"roles": [_("Choose at least one role: without one, the account can do nothing.")]})
    unknown = [role for role in chosen if role not in ORGANISATION_ROLES]
    if unknown:
        raise ValidationError(
            {
                "roles": [
                    _(
                        "Not a role an organisation gives: %(roles)s. The network coordinator is given by the "
                        "platform's operators."
                    )
                    % {"roles": ", ".join(unknown)}
                ]
            }
        )
    if Role.COMPLAINTS_OFFICER in chosen and any(role in CASEWORK_ROLES for role in chosen):
        raise ValidationError(
            {
                "roles": [
                    _(
                        "A complaints officer holds no cases, so that no complaint reaches the team it is about. "
                        "Choose one or the other."
                    )
                ]
            }
        )
    return chosen


def end_sessions(user: User) -> int:
    """Sign the user out everywhere. Sessions are stored by key, not by user, so the live ones
    are read; with a 30-minute idle limit there are few. (A switched-off account is refused on
    its next request anyway: Django's backends refuse inactive users. This removes the rest.)"""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def invite_staff_member(
    *, actor: User, username: str, first_name: str, last_name: str, email: str, roles: Iterable[str]
) -> tuple[User, Invitation, str]:
    """A new account in the administrator's organisation, with its roles, and the invitation its
    owner uses to choose a password and enrol a second factor. The link is returned once."""
    _require_administers(actor)
    chosen = _check_roles(roles)
    if not first_name.strip():
        raise ValidationError({"first_name": [_("Give at least the given name, as colleagues know it.")]})
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This user name is taken. Choose another.")]})
    with transaction.atomic():
        member = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip(),
            organisation_id=actor.organisation_id,
        )
        member.set_unusable_password()
        member.full_clean()
        member.save()
        RoleGrant.objects.bulk_create([RoleGrant(user=member, role=role) for role in chosen])
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.INVITE_STAFF,
            changes={"user": (None, member.pk), "username": (None, member.username), "roles": (None, chosen)},
        )
        invitation, token = issue_invitation(user=member, issued_by=actor)
    return member, invitation, token


def set_staff_roles(*, actor: User, member: User, roles: Iterable[str]) -> None:
    _require_administers(actor, member)
    chosen = _check_roles(roles)
    if member.pk == actor.pk and Role.ORG_ADMIN not in chosen:
        raise ValidationError(
            {"roles": [_("You cannot remove your own administrator role. Ask another administrator.")]}
        )
    with transaction.atomic():
        before = sorted(RoleGrant.objects.filter(user=member).values_list("role", flat=True))
        # A network role the member holds stays: it is not the administrator's to take away.
        chosen = sorted({*chosen, *(role for role in before if role in NETWORK_ROLES)})
        if before == chosen:
            return
        RoleGrant.objects.filter(user=member).exclude(role__in=chosen).delete()
        RoleGrant.objects.bulk_create(
            [RoleGrant(user=member, role=role) for role in chosen if role not in before], ignore_conflicts=True
        )
        member.__dict__.pop("_roles_cache", None)
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.CHANGE_STAFF_ROLES,
            changes={"user": (member.pk, member.pk), "roles": (before, chosen)},
        )


def deactivate_staff_member(*, actor: User, member: User, reason: str) -> None:
    """Switch the account off: it can no longer sign in, its sessions end, its API tokens are
    revoked (User.save) and any invitation waiting for it stops working."""
    _require_administers(actor, member)
    if member.pk == actor.pk:
        raise ValidationError(_("You cannot switch off your own account. Ask another administrator."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the account is switched off, for the audit trail.")]})
    if not member.is_active:
        raise ValidationError(_("This account is already switched off."))
    with transaction.atomic():
        member.is_active = False
        member.save(update_fields=["is_active"])
        Invitation.objects.filter(user=member).usable().update(revoked_at=timezone.now())
        ended = end_sessions(member)
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.DEACTIVATE_STAFF,
            changes={
                "user": (member.pk, member.pk),
                "is_active": (True, False),
                "sessions_ended": (None, ended),
                "reason": (None, reason),
            },
        )


def reactivate_staff_member(*, actor: User, member: User) -> None:
    """Switch the account on again. Its old API tokens stay revoked; its password and second
    factor work again."""
    _require_administers(actor, member)
    if member.is_active:
        raise ValidationError(_("This account is already switched on."))
    with transaction.atomic():
        member.is_active = True
        member.save(update_fields=["is_active"])
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.REACTIVATE_STAFF,
            changes={"user": (member.pk, member.pk), "is_active": (False, True)},
        )


def reset_second_factor(*, actor: User, member: User, reason: str) -> tuple[Invitation, str]:
    """For a lost or stolen phone: the member's authenticator and recovery codes are removed,
    they are signed out everywhere, and a new invitation lets them choose a new password and
    enrol a new authenticator. Until they use it they cannot sign in."""
    _require_administers(actor, member)
    if member.pk == actor.pk:
        raise ValidationError(_("Reset your own second factor from the Security page, or ask another administrator."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the second factor is reset, for the audit trail.")]})
    with transaction.atomic():
        removed, _by_type = Authenticator.objects.filter(user=member).delete()
        # The old password alone must not open the account while the new invitation is waiting.
        member.set_unusable_password()
        member.save(update_fields=["password"])
        ended = end_sessions(member)
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.RESET_SECOND_FACTOR,
            changes={
                "user": (member.pk, member.pk),
                "authenticators_removed": (removed, 0),
                "sessions_ended": (None, ended),
                "reason": (None, reason),
            },
        )
        invitation, token = issue_invitation(user=member, issued_by=actor)
    return invitation, token
