from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, enrol_totp, make_user
from reintegra.accounts.models import Role

pytestmark = pytest.mark.django_db


def post_login(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def test_password_alone_does_not_sign_in_a_user_with_totp(worker):
    enrol_totp(worker)
    client = Client()
    response = post_login(client, "worker")
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert client.get(reverse("cases:caseload")).status_code == 302


def test_users_must_have_a_second_factor(worker):
    client = Client()
    client.force_login(worker)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302 and response.url == reverse("accounts:enrolment_needed")
    page = client.get(response.url).content.decode()
    assert "invitation link" in page


def test_demo_mode_relaxes_the_second_factor_and_says_so(settings, worker):
    settings.REQUIRE_MFA = False
    settings.DEMO_MODE = True
    client = Client()
    client.force_login(worker)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert "Demonstration mode" in response.content.decode()


def test_totp_secret_is_encrypted_at_rest(worker):
    secret = enrol_totp(worker)
    stored = Authenticator.objects.get(user=worker).data["secret"]
    assert secret not in stored and stored.startswith("v1.")


def test_lockout_after_repeated_failures(worker):
    enrol_totp(worker)
    client = Client()
    for _ in range(5):
        assert post_login(client, "worker", "wrong password").status_code == 200
    response = post_login(client, "worker")  # the right password, too late
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    # From another address too: the lock is on the account, not only on the address.
    elsewhere = Client(REMOTE_ADDR="192.0.2.77")
    assert "Too many failed login attempts" in post_login(elsewhere, "worker").content.decode()


def test_unknown_and_known_usernames_get_the_same_answer(worker):
    wrong_password = post_login(Client(), "worker", "nope nope nope").content.decode()
    unknown_user = post_login(Client(), "nobody-at-all", "nope nope nope").content.decode()
    message = "The username and/or password you specified are not correct."
    assert message in wrong_password and message in unknown_user


def test_sign_up_is_closed(db):
    response = Client().get(reverse("account_signup"))
    assert "Sign Up Closed" in response.content.decode() or response.status_code in (403, 404)


def test_password_reset_does_not_reveal_accounts(worker, mailoutbox):
    worker.email = "worker@example.org"
    worker.save()
    known = Client().post(reverse("account_reset_password"), {"email": "worker@example.org"})
    unknown = Client().post(reverse("account_reset_password"), {"email": "ghost@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_idle_sessions_expire_and_activity_keeps_them(settings, as_worker):
    assert settings.SESSION_COOKIE_AGE == 1800
    caseload = reverse("cases:caseload")
    start = timezone.now()

    def status_at(minutes: float) -> int:
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            return as_worker.get(caseload).status_code

    assert status_at(0) == 200
    assert status_at(25) == 200  # within the idle time: the session's expiry moves on
    assert status_at(50) == 200  # 50 minutes after sign-in, but only 25 idle
    assert status_at(50 + 31) == 302  # 31 idle minutes: signed out


def test_a_busy_session_is_not_written_on_every_request(as_worker):
    as_worker.get(reverse("cases:caseload"))
    with CaptureQueriesContext(connection) as captured:
        as_worker.get(reverse("cases:caseload"))
    assert not [q for q in captured.captured_queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]


def test_inactive_user_cannot_sign_in(shelter):
    user = make_user("gone", shelter, Role.CASE_WORKER)
    user.is_active = False
    user.save()
    response = post_login(Client(), "gone")
    assert "_auth_user_id" not in Client().session
    assert response.status_code in (200, 302)
    assert getattr(response, "url", "") != reverse("cases:caseload")
