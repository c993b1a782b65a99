"""API tokens: an expiry, a scope, revoked by their owner, and dead with a deactivated account."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import ApiToken, TokenScope
from reintegra.audit.models import AuditRecord

pytestmark = pytest.mark.django_db


def api(secret, method="get", path="/api/v1/me", **kwargs):
    return getattr(Client(), method)(path, headers={"Authorization": f"Bearer {secret}"}, **kwargs)


def test_a_token_stops_working_when_it_expires(worker):
    _token, secret = ApiToken.issue(worker, lifetime=timedelta(days=30))
    assert api(secret).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=30, seconds=1)):
        assert api(secret).status_code == 401


def test_a_read_only_token_may_read_but_not_write(worker, case):
    _token, secret = ApiToken.issue(worker, scope=TokenScope.READ)
    assert api(secret, path=f"/api/v1/cases/{case.pk}").status_code == 200
    refused = api(
        secret,
        "post",
        f"/api/v1/cases/{case.pk}/plan",
        data={"review_on": "2027-12-01"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not case.plans.exists()


def test_the_owner_revokes_a_token_on_the_page_and_nobody_else_can(as_worker, worker, as_teammate):
    response = as_worker.post(
        reverse("accounts:api_tokens"), {"label": "Monthly report script", "scope": "read", "days": "30"}
    )
    page = response.content.decode()
    token = ApiToken.objects.get(user=worker)
    secret = page.split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith("rtg_") and ApiToken.digest_of(secret) == token.digest
    assert (token.label, token.scope) == ("Monthly report script", "read")
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert api(secret).status_code == 200
    # Another user cannot revoke it, nor learn that it exists.
    assert as_teammate.post(reverse("accounts:revoke_api_token", args=[token.pk])).status_code == 404
    assert api(secret).status_code == 200
    as_worker.post(reverse("accounts:revoke_api_token", args=[token.pk]))
    assert api(secret).status_code == 401
    listed = as_worker.get(reverse("accounts:api_tokens")).content.decode()
    assert "Monthly report script" in listed and "revoked" in listed and secret not in listed
    assert AuditRecord.objects.filter(action__in=["issue_api_token", "revoke_api_token"]).count() == 2


@pytest.mark.parametrize("bad", [{"days": "0"}, {"days": "91"}, {"scope": "admin"}, {"label": ""}, {"days": "x"}])
def test_bad_token_requests_change_nothing(as_worker, worker, bad):
    data = {"label": "Script", "scope": "read", "days": "30", **bad}
    response = as_worker.post(reverse("accounts:api_tokens"), data)
    assert response.status_code == 200 and not ApiToken.objects.filter(user=worker).exists()


def test_the_token_in_use_can_revoke_itself(worker):
    _token, secret = ApiToken.issue(worker)
    assert api(secret, "delete", "/api/v1/me/token").status_code == 204
    assert api(secret).status_code == 401


def test_deactivating_a_user_ends_their_tokens_and_reactivating_does_not_revive_them(worker):
    _token, secret = ApiToken.issue(worker)
    worker.is_active = False
    worker.save()
    assert api(secret).status_code == 401
    worker.is_active = True
    worker.save()
    assert api(secret).status_code == 401
    _fresh, new_secret = ApiToken.issue(worker)
    assert api(new_secret).status_code == 200
