"""The second-factor gate and enrolment by invitation: what a password alone must never buy."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import IDENTIFIERS, PASSWORD, enrol_totp, make_user, signed_in
from reintegra.accounts.models import Invitation, Role
from reintegra.audit.models import AuditRecord

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a brand new passphrase for spring"


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def password_only_session(username: str) -> Client:
    client = Client()
    client.post(reverse("account_login"), {"login": username, "password": PASSWORD})
    assert "_auth_user_id" in client.session  # signed in with the password alone
    return client


@pytest.mark.parametrize("prefix", ["/accounts", "/api", "/static", "/health"])
def test_a_claimed_script_name_does_not_open_the_gate(prefix, case, worker):
    client = password_only_session("worker")
    page = client.get(f"/cases/{case.pk}/", SCRIPT_NAME=prefix)
    assert page.status_code == 302 and page.url.endswith(reverse("accounts:enrolment_needed"))
    assert IDENTIFIERS["family_name"] not in page.content.decode()
    posted = client.post(
        f"/cases/{case.pk}/followup/",
        {"on": "2026-01-05", "time": "10:00", "channel": "phone", "outcome": "reached"},
        SCRIPT_NAME=prefix,
    )
    assert posted.status_code == 302
    assert not case.contacts.exists()


@pytest.mark.parametrize("role", Role.values)
def test_every_role_needs_a_second_factor(role, shelter):
    make_user("someone", shelter, role)
    client = password_only_session("someone")
    for url in ("/", reverse("reports:report"), reverse("reports:research_extract")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.endswith(reverse("accounts:enrolment_needed")), url


def test_a_password_alone_cannot_enrol_a_device(worker):
    client = password_only_session("worker")
    for name in ("mfa_activate_totp", "mfa_index", "cases:caseload"):
        response = client.get(reverse(name), follow=True)
        assert response.redirect_chain[-1][0] == reverse("accounts:enrolment_needed"), name
        assert "totp-key" not in response.content.decode() and "otpauth" not in response.content.decode()
    client.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert not Authenticator.objects.filter(user=worker).exists()


def test_an_enrolled_user_cannot_remove_their_second_factor(worker):
    client = signed_in(worker)
    response = client.post(reverse("mfa_deactivate_totp"), {})
    assert response.status_code == 302 and response.url == reverse("accounts:enrolment_needed")
    assert Authenticator.objects.filter(user=worker, type=Authenticator.Type.TOTP).exists()
    page = client.get(reverse("accounts:enrolment_needed")).content.decode()
    assert "ask your organisation's administrator for a new invitation link" in page


def invite(username: str, *extra: str) -> str:
    out = StringIO()
    call_command("invite_user", username, *extra, stdout=out, stderr=StringIO())
    link = out.getvalue().strip()
    assert link.startswith("http://127.0.0.1:8000/accounts/invitation/")
    return link.removeprefix("http://127.0.0.1:8000")


def test_an_invitation_sets_the_password_and_enrols_the_authenticator_once(worker):
    link = invite("worker")
    client = Client()
    page = client.get(link).content.decode()
    secret = page.split('<code id="totp-key">')[1].split("<")[0]
    assert 'src="data:image/svg+xml;base64,' in page and "worker" in page
    assert "+07" in page  # the expiry in the shelter's time (Ho Chi Minh City), not the server's

    wrong = client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "code": "000000"})
    assert "This code does not match" in wrong.content.decode()
    weak = client.post(link, {"password": "short", "password_again": "short", "code": current_code(secret)})
    assert "too short" in weak.content.decode()
    assert not Authenticator.objects.filter(user=worker).exists()
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)

    done = client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "code": current_code(secret)})
    assert done.status_code == 302 and done.url == reverse("account_login")
    worker.refresh_from_db()
    assert worker.check_password(NEW_PASSWORD)
    assert Authenticator.objects.filter(user=worker, type=Authenticator.Type.TOTP).count() == 1
    assert AuditRecord.objects.filter(action="accept_invitation", actor=worker).count() == 1

    again = Client().get(link)
    assert again.status_code == 404 and "cannot be used" in again.content.decode()
    # Signing in now takes the password and then the code.
    login = Client().post(reverse("account_login"), {"login": "worker", "password": NEW_PASSWORD})
    assert login.url == reverse("mfa_authenticate")


def test_an_invitation_lapses_and_a_new_one_replaces_it(worker):
    first = invite("worker")
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        lapsed = Client().get(first)
        assert lapsed.status_code == 404 and "expired" in lapsed.content.decode()
    second = invite("worker", "--hours", "24")
    assert Client().get(first).status_code == 404  # replaced
    assert Client().get(second).status_code == 200
    assert Invitation.objects.filter(user=worker, revoked_at__isnull=False).count() == 1


def test_an_invitation_replaces_a_lost_authenticator(worker):
    old_secret = enrol_totp(worker)
    link = invite("worker")
    client = Client()
    secret = client.get(link).content.decode().split('<code id="totp-key">')[1].split("<")[0]
    assert secret != old_secret
    client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "code": current_code(secret)})
    totp = Authenticator.objects.get(user=worker, type=Authenticator.Type.TOTP)
    assert totp.wrap().validate_code(current_code(secret))


def test_invite_user_refuses_unknown_and_switched_off_accounts(shelter):
    with pytest.raises(CommandError, match="No user"):
        call_command("invite_user", "nobody", stdout=StringIO())
    gone = make_user("gone", shelter, Role.CASE_WORKER)
    gone.is_active = False
    gone.save()
    with pytest.raises(CommandError, match="switched off"):
        call_command("invite_user", "gone", stdout=StringIO())
