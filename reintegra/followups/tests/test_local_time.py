"""An office in UTC+7 works in its own time: a call made this morning is not "in the future",
and "today" turns over at local midnight."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from conftest import make_user, person_details, signed_in
from reintegra.accounts.models import ApiToken, Role
from reintegra.cases import actions
from reintegra.followups.models import Contact
from reintegra.orgs.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def bangkok(db):
    return Organisation.objects.create(name="Bangkok office", code="bkk", org_type=OrganisationType.NGO, country="TH")


def test_an_organisation_gets_its_countrys_main_time_zone(bangkok):
    assert bangkok.time_zone == "Asia/Bangkok"
    kuala_lumpur = Organisation.objects.create(name="KL office", code="kl", org_type=OrganisationType.NGO, country="MY")
    assert kuala_lumpur.time_zone == "Asia/Kuala_Lumpur"


# 10:00 in Bangkok, 03:00 UTC: a 09:00 call this morning is an hour ago, not six hours ahead.
@time_machine.travel("2026-03-10 03:00Z", tick=False)
def test_a_call_made_this_morning_in_a_utc_plus_7_office_is_accepted(bangkok, client):
    worker = make_user("somchai", bangkok, Role.CASE_WORKER)
    case = actions.register_person_with_case(
        actor=worker, person=person_details(), case=actions.CaseDetails(), opened_on=date(2026, 3, 5)
    )
    as_worker = signed_in(worker)
    url = reverse("followups:followup", args=[case.pk])
    page = as_worker.get(url).content.decode()
    assert 'value="2026-03-10"' in page  # today, in Bangkok
    assert '<option value="Asia/Bangkok" selected>' in page  # the person's zone starts as the office's
    contact = {"on": "2026-03-10", "time": "09:00", "channel": "phone", "outcome": "reached"}
    assert as_worker.post(url, contact).status_code == 302
    stored = Contact.objects.get()
    assert stored.at.isoformat() == "2026-03-10T02:00:00+00:00"
    refused = as_worker.post(url, {**contact, "time": "11:00"})
    assert "once they have happened" in refused.content.decode()
    assert Contact.objects.count() == 1
    # The API reads times the same way.
    _token, secret = ApiToken.issue(worker)
    api = client.get(f"/api/v1/cases/{case.pk}/followup", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200


@time_machine.travel("2026-03-10 18:30Z", tick=False)
def test_today_turns_over_at_local_midnight(bangkok):
    worker = make_user("somchai", bangkok, Role.CASE_WORKER)
    case = actions.register_person_with_case(actor=worker, person=person_details(), case=actions.CaseDetails())
    page = signed_in(worker).get(reverse("followups:followup", args=[case.pk])).content.decode()
    assert 'value="2026-03-11"' in page  # 01:30 on the 11th in Bangkok, still the 10th in UTC
