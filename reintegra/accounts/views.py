from __future__ import annotations

import base64

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.accounts import access as staff_access
from reintegra.accounts import actions
from reintegra.accounts.forms import AcceptInvitationForm, ApiTokenForm, InviteStaffForm, ReasonForm, StaffRolesForm
from reintegra.accounts.models import NETWORK_ROLES, ApiToken, Invitation
from reintegra.core.flow import attach_errors, run_form
from reintegra.core.http import AuthenticatedRequest


@login_required
def enrolment_needed(request: AuthenticatedRequest) -> HttpResponse:
    """Where a signed-in user is sent when they have no second factor, or try to change it."""
    enrolled = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
    return render(request, "accounts/enrolment_needed.html", {"enrolled": enrolled})


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = actions.find_usable_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_unusable.html", status=404)
    if request.user.is_authenticated:
        # Whoever was signed in on this browser, the invitation is for someone else's account
        # (or a fresh start of this one): finish with nobody signed in.
        logout(request)
    # The secret is made once per invitation and kept in this browser's session, so the code
    # typed on the form belongs to the QR code shown with it.
    session_key = f"invitation_totp_{invitation.pk}"
    secret = request.session.get(session_key) or generate_totp_secret()
    request.session[session_key] = secret
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.accept_invitation(
                invitation=invitation,
                password=form.cleaned_data["password"],
                totp_secret=secret,
                code=form.cleaned_data["code"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            del request.session[session_key]
            messages.success(
                request,
                _(
                    "Your account is ready. Sign in with your password and a code from your app, then open Security to keep your recovery codes."
                ),
            )
            return redirect("account_login")
    adapter = get_mfa_adapter()
    totp_url = adapter.build_totp_url(invitation.user, secret)
    qr_code = "data:image/svg+xml;base64," + base64.b64encode(adapter.build_totp_svg(totp_url).encode()).decode()
    return render(
        request,
        "accounts/accept_invitation.html",
        {
            "form": form,
            "invitation": invitation,
            # The visitor is signed out, so no office is active: say it in the invitee's office time.
            "office_zone": (
                invitation.user.organisation.tzinfo if invitation.user.organisation else timezone.get_current_timezone()
            ),
            "secret": secret,
            "qr_code": qr_code,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own API tokens: issue one (its secret is shown once), see which are live, revoke."""
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = actions.issue_api_token(
            actor=request.user,
            label=form.cleaned_data["label"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)[:50]
    return render(request, "accounts/api_tokens.html", {"form": form, "secret": secret, "tokens": tokens})


@login_required
@require_POST
def revoke_api_token(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    # Only the owner's own tokens: anyone else's answers 404, like a token that does not exist.
    token = ApiToken.objects.filter(user=request.user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    actions.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("Token revoked. Programs using it are refused from now on."))
    return redirect("accounts:api_tokens")


# Organisation administration ------------------------------------------------------------------


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    staff_access.require_staff_admin(request.user)
    members = list(staff_access.staff_visible_to(request.user))
    return render(
        request,
        "accounts/staff_list.html",
        {"members": members, "long_unused": staff_access.long_unused(members), "days": staff_access.LONG_UNUSED.days},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite(request: AuthenticatedRequest) -> HttpResponse:
    staff_access.require_staff_admin(request.user)
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member, invitation, token = actions.invite_staff_member(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return _member_page(request, member.pk, invitation=invitation, token=token)
    return render(request, "accounts/staff_invite.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_member(request: AuthenticatedRequest, staff_id: int) -> HttpResponse:
    member = staff_access.get_staff_for_admin(request.user, staff_id)
    roles_form = StaffRolesForm(
        request.POST or None, initial={"roles": [grant.role for grant in member.role_grants.all()]}
    )
    if request.method == "POST" and run_form(
        request, roles_form, actions.set_staff_roles, _("Roles saved."), actor=request.user, member=member
    ):
        return redirect("accounts:staff_member", staff_id=member.pk)
    return _member_page(request, member.pk, roles_form=roles_form)


@login_required
@require_POST
def staff_deactivate(request: AuthenticatedRequest, staff_id: int) -> HttpResponse:
    member = staff_access.get_staff_for_admin(request.user, staff_id)
    form = ReasonForm(request.POST)
    if run_form(
        request,
        form,
        actions.deactivate_staff_member,
        _("The account is switched off. Its sessions and API tokens have ended."),
        actor=request.user,
        member=member,
    ):
        return redirect("accounts:staff_member", staff_id=member.pk)
    return _member_page(request, member.pk, deactivate_form=form)


@login_required
@require_POST
def staff_reactivate(request: AuthenticatedRequest, staff_id: int) -> HttpResponse:
    member = staff_access.get_staff_for_admin(request.user, staff_id)
    try:
        actions.reactivate_staff_member(actor=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The account is switched on again. Its old API tokens stay revoked."))
    return redirect("accounts:staff_member", staff_id=member.pk)


@login_required
@require_POST
def staff_reinvite(request: AuthenticatedRequest, staff_id: int) -> HttpResponse:
    """A new invitation link, for one that expired or was lost before it was used."""
    member = staff_access.get_staff_for_admin(request.user, staff_id)
    try:
        invitation, token = actions.issue_invitation(user=member, issued_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:staff_member", staff_id=member.pk)
    return _member_page(request, member.pk, invitation=invitation, token=token)


@login_required
@require_POST
def staff_reset_second_factor(request: AuthenticatedRequest, staff_id: int) -> HttpResponse:
    member = staff_access.get_staff_for_admin(request.user, staff_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _member_page(request, member.pk, reset_form=form)
    try:
        invitation, token = actions.reset_second_factor(
            actor=request.user, member=member, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        attach_errors(form, exc)
        return _member_page(request, member.pk, reset_form=form)
    return _member_page(request, member.pk, invitation=invitation, token=token)


def _member_page(
    request: AuthenticatedRequest,
    staff_id: int,
    *,
    roles_form: StaffRolesForm | None = None,
    deactivate_form: ReasonForm | None = None,
    reset_form: ReasonForm | None = None,
    invitation: Invitation | None = None,
    token: str = "",
) -> HttpResponse:
    # Read again: a workflow that just ran may have changed the account.
    member = staff_access.get_staff_for_admin(request.user, staff_id)
    if roles_form is None:
        roles_form = StaffRolesForm(initial={"roles": [grant.role for grant in member.role_grants.all()]})
    link = request.build_absolute_uri(reverse("accounts:accept_invitation", kwargs={"token": token})) if token else ""
    return render(
        request,
        "accounts/staff_member.html",
        {
            "member": member,
            "is_self": member.pk == request.user.pk,
            "is_coordinator": any(grant.role in NETWORK_ROLES for grant in member.role_grants.all()),
            "roles_form": roles_form,
            "deactivate_form": deactivate_form or ReasonForm(auto_id="id_deactivate_%s"),
            "reset_form": reset_form or ReasonForm(auto_id="id_reset_%s"),
            "invitation": invitation,
            "link": link,
        },
    )
