"""An organisation administrator runs their own organisation's accounts: invites, roles, switching
off (which ends sessions and tokens), a lost phone's reset, and the accounts nobody uses. They
reach no other organisation's accounts."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from conftest import enrol_totp, make_user, signed_in
from reintegra.accounts.models import ApiToken, Invitation, Role, User
from reintegra.audit.models import AuditRecord
from reintegra.audit.verify import verify_chain

pytestmark = pytest.mark.django_db

LINK = re.compile(r'value="(http://testserver/accounts/invitation/[^"]+/)"')


@pytest.fixture
def as_admin(admin) -> Client:
    return signed_in(admin)


def member_url(name: str, member: User) -> str:
    return reverse(f"accounts:{name}", args=[member.pk])


def audit(action: str) -> list[AuditRecord]:
    return list(AuditRecord.objects.filter(action=action))


def test_an_administrator_invites_a_colleague_who_joins_through_the_link(as_admin, admin, shelter):
    response = as_admin.post(
        reverse("accounts:staff_invite"),
        {
            "first_name": "Nguyễn Thị Thanh Hương",
            "last_name": "Trần",
            "username": "huong.tran",
            "email": "huong@example.org",
            "roles": [Role.CASE_WORKER, Role.CLINICIAN],
        },
    )
    assert response.status_code == 200
    member = User.objects.get(username="huong.tran")
    assert member.organisation == shelter
    assert member.roles == {Role.CASE_WORKER, Role.CLINICIAN}
    assert not member.has_usable_password()
    body = response.content.decode()
    assert "Nguyễn Thị Thanh Hương Trần" in body
    (link,) = LINK.findall(body)
    assert Invitation.objects.usable().filter(user=member, issued_by=admin).count() == 1
    assert Client().get(link.removeprefix("http://testserver")).status_code == 200
    (record,) = audit("invite_staff")
    assert record.actor == admin
    assert verify_chain()[1] is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"roles": []}, "roles", "This field is required."),
        ({"username": "worker"}, "username", "This user name is taken."),
        ({"username": "has space"}, "username", "Enter a valid username."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
    ],
)
def test_an_invitation_with_bad_input_says_why_and_makes_nothing(as_admin, worker, change, field, message):
    data = {"first_name": "Probe", "username": "probe", "roles": [Role.CASE_WORKER], **change}
    before = User.objects.count()
    response = as_admin.post(reverse("accounts:staff_invite"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before
    assert not Invitation.objects.exists()


def test_roles_are_changed_and_audited(as_admin, admin, worker):
    response = as_admin.post(member_url("staff_member", worker), {"roles": [Role.CASE_WORKER, Role.SUPERVISOR]})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert User.objects.get(pk=worker.pk).roles == {Role.CASE_WORKER, Role.SUPERVISOR}
    (record,) = audit("change_staff_roles")
    assert record.actor == admin


def test_an_administrator_cannot_lock_themselves_out(as_admin, admin):
    response = as_admin.post(member_url("staff_member", admin), {"roles": [Role.CASE_WORKER]})
    assert "cannot remove your own administrator role" in response.content.decode()
    assert User.objects.get(pk=admin.pk).roles == {Role.ORG_ADMIN}
    response = as_admin.post(member_url("staff_deactivate", admin), {"reason": "probe"})
    assert "cannot switch off your own account" in response.content.decode()
    assert User.objects.get(pk=admin.pk).is_active


def test_switching_an_account_off_ends_its_sessions_tokens_and_invitation(as_admin, admin, worker, teammate):
    as_worker, as_teammate = signed_in(worker), signed_in(teammate)
    _token, secret = ApiToken.issue(worker)
    Invitation.objects.create(
        user=worker, digest="x" * 64, issued_by=admin, expires_at=timezone.now() + timedelta(days=1)
    )
    assert as_worker.get(reverse("cases:caseload")).status_code == 200

    response = as_admin.post(member_url("staff_deactivate", worker), {"reason": "Left the organisation."})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    # Signed out at once: the next page asks for a sign-in; the teammate's session is untouched.
    assert as_worker.get(reverse("cases:caseload")).status_code == 302
    assert as_teammate.get(reverse("cases:caseload")).status_code == 200
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(worker.pk)]
    api = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401
    assert not Invitation.objects.usable().filter(user=worker).exists()
    (record,) = audit("deactivate_staff")
    assert record.actor == admin
    assert verify_chain()[1] is None

    # Switched on again: the password and authenticator work, the old token does not.
    as_admin.post(member_url("staff_reactivate", worker))
    assert User.objects.get(pk=worker.pk).is_active
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert len(audit("reactivate_staff")) == 1


def test_switching_off_needs_a_reason_and_changes_nothing_without_one(as_admin, worker):
    response = as_admin.post(member_url("staff_deactivate", worker), {"reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert User.objects.get(pk=worker.pk).is_active
    assert not audit("deactivate_staff")


def test_a_lost_phone_is_reset_with_a_new_link_and_the_old_password_stops_working(as_admin, admin, worker):
    enrol_totp(worker)
    as_worker = signed_in(worker)
    response = as_admin.post(member_url("staff_reset_second_factor", worker), {"reason": "Phone stolen on the bus."})
    assert response.status_code == 200
    assert len(LINK.findall(response.content.decode())) == 1
    worker.refresh_from_db()
    assert not Authenticator.objects.filter(user=worker).exists()
    assert not worker.has_usable_password()
    assert as_worker.get(reverse("cases:caseload")).status_code == 302
    assert Invitation.objects.usable().filter(user=worker).count() == 1
    (record,) = audit("reset_second_factor")
    assert record.actor == admin


def test_accounts_not_used_for_long_are_listed_for_the_administrator(as_admin, worker, teammate, supervisor):
    long_ago = timezone.now() - timedelta(days=120)
    User.objects.filter(pk=worker.pk).update(last_login=long_ago)
    User.objects.filter(pk=teammate.pk).update(last_login=timezone.now() - timedelta(days=5))
    User.objects.filter(pk=supervisor.pk).update(last_login=None, date_joined=long_ago)
    body = as_admin.get(reverse("accounts:staff_list")).content.decode()
    warning = body[body.index("not used for") : body.index("</section>")]
    assert "Worker" in warning and "Supervisor" in warning
    assert "Teammate" not in warning
    assert "never signed in" in warning


def test_the_staff_list_costs_the_same_queries_for_few_or_many(as_admin, shelter):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_admin.get(reverse("accounts:staff_list")).status_code == 200
        return len(captured)

    make_user("one", shelter, Role.CASE_WORKER)
    as_admin.get(reverse("accounts:staff_list"))
    few = queries()
    for n in range(8):
        make_user(f"many{n}", shelter, Role.CASE_WORKER, Role.SUPERVISOR)
    assert queries() == few


def test_the_list_shows_only_the_administrators_own_organisation(as_admin, worker, outsider):
    body = as_admin.get(reverse("accounts:staff_list")).content.decode()
    assert worker.username in body
    assert outsider.username not in body


STAFF_PAGES = [
    ("get", "staff_member"),
    ("post", "staff_member"),
    ("post", "staff_deactivate"),
    ("post", "staff_reactivate"),
    ("post", "staff_reinvite"),
    ("post", "staff_reset_second_factor"),
]


@pytest.mark.parametrize(("method", "name"), STAFF_PAGES)
def test_an_administrator_elsewhere_cannot_reach_this_organisations_accounts(partner, worker, method, name):
    partner_admin = make_user("partner.admin", partner, Role.ORG_ADMIN)
    client = signed_in(partner_admin)
    data = {"roles": [Role.SUPERVISOR], "reason": "probe"} if method == "post" else None
    response = getattr(client, method)(member_url(name, worker), data)
    assert response.status_code == 404
    worker.refresh_from_db()
    assert worker.is_active and worker.roles == {Role.CASE_WORKER}
    assert not Invitation.objects.filter(user=worker).exists()


@pytest.mark.parametrize("persona", ["worker", "supervisor", "analyst", "coordinator", "outsider"])
def test_only_administrators_reach_the_staff_screens(request, persona, teammate):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(reverse("accounts:staff_list")).status_code == 404
    assert client.get(reverse("accounts:staff_invite")).status_code == 404
    for method, name in STAFF_PAGES:
        assert getattr(client, method)(member_url(name, teammate)).status_code == 404
    assert teammate.roles == {Role.CASE_WORKER}


def test_the_django_admin_keeps_organisations_only():
    with pytest.raises(NoReverseMatch):
        reverse("admin:accounts_user_changelist")
    assert reverse("admin:orgs_organisation_changelist")


def test_an_operator_starts_an_organisations_first_administrator(shelter):
    out, err = StringIO(), StringIO()
    call_command("add_org_admin", "shelter", "first.admin", "--first-name", "Lan", stdout=out, stderr=err)
    admin = User.objects.get(username="first.admin")
    assert admin.organisation == shelter and admin.roles == {Role.ORG_ADMIN}
    assert "/accounts/invitation/" in out.getvalue()
    assert Invitation.objects.usable().filter(user=admin).count() == 1
    with pytest.raises(CommandError, match="taken"):
        call_command("add_org_admin", "shelter", "first.admin", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="No organisation"):
        call_command("add_org_admin", "nowhere", "second.admin", stdout=StringIO(), stderr=StringIO())


# The JSON API (tag "admin") -----------------------------------------------------------------------


def call(user: User, method: str, path: str, body: dict | None = None):
    _token, secret = ApiToken.issue(user)
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(Client(), method)(f"/api/v1/admin{path}", headers={"Authorization": f"Bearer {secret}"}, **kwargs)


def test_the_api_invites_changes_roles_resets_and_switches_off(admin, worker):
    created = call(admin, "post", "/staff", {"username": "lan.pham", "first_name": "Lan", "roles": ["case_worker"]})
    assert created.status_code == 201
    body = created.json()
    assert body["staff"]["roles"] == ["case_worker"]
    assert "/accounts/invitation/" in body["invitation_link"]
    member_id = body["staff"]["id"]

    changed = call(admin, "put", f"/staff/{member_id}/roles", {"roles": ["case_worker", "supervisor"]})
    assert changed.json()["roles"] == ["case_worker", "supervisor"]

    reset = call(admin, "post", f"/staff/{worker.pk}/second-factor-reset", {"reason": "Lost phone."})
    assert reset.status_code == 200 and "/accounts/invitation/" in reset.json()["invitation_link"]

    off = call(admin, "post", f"/staff/{worker.pk}/deactivate", {"reason": "Left."})
    assert off.json()["is_active"] is False
    on = call(admin, "post", f"/staff/{worker.pk}/reactivate")
    assert on.json()["is_active"] is True

    listed = call(admin, "get", "/staff").json()
    assert {member["username"] for member in listed["items"]} == {"orgadmin", "worker", "lan.pham"}
    assert {record.action for record in AuditRecord.objects.filter(actor=admin)} >= {
        "invite_staff",
        "change_staff_roles",
        "reset_second_factor",
        "deactivate_staff",
        "reactivate_staff",
    }


def test_the_api_refuses_bad_input_with_its_reasons_and_writes_nothing(admin, worker):
    refused = call(admin, "post", "/staff", {"username": "x y", "first_name": "", "roles": ["pilot"]})
    assert refused.status_code == 422
    assert "roles" in refused.json()["fields"]
    refused = call(admin, "post", f"/staff/{worker.pk}/deactivate", {"reason": ""})
    assert refused.status_code == 422
    assert User.objects.get(pk=worker.pk).is_active
    assert User.objects.count() == 2


def test_the_api_hides_other_organisations_accounts_and_refuses_non_administrators(partner, worker, supervisor):
    partner_admin = make_user("partner.admin", partner, Role.ORG_ADMIN)
    for path in (f"/staff/{worker.pk}",):
        assert call(partner_admin, "get", path).status_code == 404
    assert call(partner_admin, "post", f"/staff/{worker.pk}/deactivate", {"reason": "probe"}).status_code == 404
    assert [m["username"] for m in call(partner_admin, "get", "/staff").json()["items"]] == ["partner.admin"]
    assert call(supervisor, "get", "/staff").status_code == 404
    assert call(supervisor, "put", f"/staff/{worker.pk}/roles", {"roles": ["supervisor"]}).status_code == 404
    assert User.objects.get(pk=worker.pk).is_active and User.objects.get(pk=worker.pk).roles == {Role.CASE_WORKER}


def test_the_network_coordinator_role_is_not_an_organisations_to_give_or_take(as_admin, admin, worker, coordinator):
    response = as_admin.post(member_url("staff_member", worker), {"roles": [Role.CASE_WORKER, Role.COORDINATOR]})
    assert "Select a valid choice" in response.content.decode()
    refused = call(admin, "put", f"/staff/{worker.pk}/roles", {"roles": ["case_worker", "coordinator"]})
    assert refused.status_code == 422 and "platform's operators" in refused.content.decode()
    assert User.objects.get(pk=worker.pk).roles == {Role.CASE_WORKER}
    # A coordinator keeps the role when the administrator changes the organisation's roles.
    page = as_admin.get(member_url("staff_member", coordinator)).content.decode()
    assert "Also the network coordinator" in page
    as_admin.post(member_url("staff_member", coordinator), {"roles": [Role.ANALYST]})
    assert User.objects.get(pk=coordinator.pk).roles == {Role.ANALYST, Role.COORDINATOR}


def test_operators_give_and_take_the_coordinator_role(worker):
    call_command("set_coordinator", "worker", stdout=StringIO())
    assert User.objects.get(pk=worker.pk).roles == {Role.CASE_WORKER, Role.COORDINATOR}
    call_command("set_coordinator", "worker", "--remove", stdout=StringIO())
    assert User.objects.get(pk=worker.pk).roles == {Role.CASE_WORKER}
    assert len(audit("change_staff_roles")) == 2
    with pytest.raises(CommandError):
        call_command("set_coordinator", "nobody", stdout=StringIO())


def test_a_new_link_replaces_one_that_was_not_used(as_admin, admin, worker):
    first = Invitation.objects.create(
        user=worker, digest="y" * 64, issued_by=admin, expires_at=timezone.now() + timedelta(days=1)
    )
    response = as_admin.post(member_url("staff_reinvite", worker))
    assert response.status_code == 200
    assert len(LINK.findall(response.content.decode())) == 1
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.usable().filter(user=worker, issued_by=admin).count() == 1
