"""Family members and dependants through HTTP: linked persons with their own needs, plan
actions and support, under the case's access rules."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.audit.models import AuditRecord
from reintegra.cases.models import Person, PersonIndexEntry
from reintegra.family.models import FamilyMember, FamilyNeed
from reintegra.plans.models import Action, SupportItem

pytestmark = pytest.mark.django_db


def add_member(client, case, **overrides):
    data = {
        "given_name": "Minh Khoa",
        "family_name": "Zubrowska-Phạm",
        "relationship": "child",
        "birth_date": "2019-05-03",
        "dependant": "on",
        "lives_with_person": "on",
    }
    data.update(overrides)
    return client.post(reverse("family:family", args=[case.pk]), data)


@pytest.fixture
def member(as_worker, case):
    add_member(as_worker, case)
    return FamilyMember.objects.get(case=case)


def test_worker_adds_a_child_as_a_linked_person(as_worker, case, member):
    assert member.person.organisation_id == case.organisation_id
    assert member.person.given_name == "Minh Khoa" and member.dependant and member.lives_with_person
    assert not member.safe_to_contact  # unknown counts as unsafe
    # Not findable in the register: relatives are not cases of their own.
    assert not PersonIndexEntry.objects.filter(person=member.person).exists()
    page = as_worker.get(reverse("family:family", args=[case.pk])).content.decode()
    assert "Minh Khoa" in page and "do not contact" in page
    assert AuditRecord.objects.filter(action="add_family_member", case_id=case.pk).exists()


def test_bad_input_changes_nothing(as_worker, case):
    response = add_member(as_worker, case, given_name="", relationship="stranger", birth_date="2999-01-01")
    assert response.status_code == 200
    body = response.content.decode()
    assert "errorlist" in body and "in the future" in body
    assert not FamilyMember.objects.exists() and Person.objects.count() == 1


def test_needs_actions_and_support_of_a_family_member(as_worker, worker, case, member):
    as_worker.post(
        reverse("family:add_need", args=[case.pk, member.pk]),
        {"area": "EDU", "description": "School fees for next term", "noted_on": "2026-01-10"},
    )
    need = FamilyNeed.objects.get(member=member)
    assert need.description == "School fees for next term" and need.status == "open"

    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2027-12-01"})
    as_worker.post(
        reverse("plans:add_action", args=[case.pk]),
        {
            "area": "EDU",
            "description": "Pay the school fees",
            "delivery": "our_team",
            "responsible": worker.pk,
            "family_member": member.pk,
        },
    )
    action = Action.objects.get()
    assert action.family_member_id == member.pk
    as_worker.post(
        reverse("plans:decide", args=[case.pk, action.pk]),
        {"agreement": "agreed", "decided_on": "2026-01-11", "information_given": "Fees paid direct", "language": "vi"},
    )
    # The form's box is left unticked: support for a family member's action is family assistance anyway.
    as_worker.post(
        reverse("plans:add_support", args=[case.pk, action.pk]),
        {"kinds": "fee_paid", "amount": "1200000", "currency": "vnd", "given_on": "2026-01-12"},
    )
    assert SupportItem.objects.get().family_assistance is True
    plan_page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "for Minh Khoa Zubrowska-Phạm (Child)" in plan_page
    family_page = as_worker.get(reverse("family:family", args=[case.pk])).content.decode()
    assert "Pay the school fees" in family_page and "1,200,000 VND" in family_page

    as_worker.post(reverse("family:need_status", args=[case.pk, need.pk]), {"status": "met"})
    need.refresh_from_db()
    assert need.status == "met"


def test_a_plan_action_cannot_name_another_cases_relative(as_worker, worker, case, member):
    from conftest import person_details
    from reintegra.cases import actions as case_actions

    other = case_actions.register_person_with_case(
        actor=worker, person=person_details(given_name="Other"), case=case_actions.CaseDetails()
    )
    as_worker.post(reverse("plans:plan", args=[other.pk]), {"review_on": "2027-12-01"})
    response = as_worker.post(
        reverse("plans:add_action", args=[other.pk]),
        {
            "area": "EDU",
            "description": "x",
            "delivery": "our_team",
            "responsible": worker.pk,
            "family_member": member.pk,
        },
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_safety_flags_can_change(as_worker, case, member):
    as_worker.post(
        reverse("family:update_member", args=[case.pk, member.pk]),
        {"dependant": "on", "safe_to_contact": "on", "concerns": "Uncle collected the debt"},
    )
    member.refresh_from_db()
    assert member.safe_to_contact and not member.lives_with_person
    assert member.concerns == "Uncle collected the debt"


def test_strangers_get_404(as_teammate, as_outsider, as_worker, case, member):
    for client in (as_teammate, as_outsider):
        assert client.get(reverse("family:family", args=[case.pk])).status_code == 404
        assert add_member(client, case, given_name="Intruder").status_code == 404
        url = reverse("family:update_member", args=[case.pk, member.pk])
        assert client.post(url, {"safe_to_contact": "on"}).status_code == 404
    member.refresh_from_db()
    assert FamilyMember.objects.count() == 1 and not member.safe_to_contact


def test_family_page_queries_do_not_grow(as_worker, case):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert as_worker.get(reverse("family:family", args=[case.pk])).status_code == 200
        return len(captured)

    def grow(i):
        add_member(as_worker, case, given_name=f"Relative {i}")
        member = FamilyMember.objects.latest("pk")
        as_worker.post(
            reverse("family:add_need", args=[case.pk, member.pk]),
            {"area": "HOU", "description": "Bed", "noted_on": date(2026, 1, 1).isoformat()},
        )

    grow(0)
    small = count()
    for i in range(1, 8):
        grow(i)
    assert count() == small
