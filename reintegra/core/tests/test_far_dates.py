"""A date far ahead asks for a second look; beyond the limit it is refused; nothing crashes."""

import pytest
import time_machine
from django.urls import reverse

from reintegra.consents.models import Consent
from reintegra.plans.models import Action, Plan

pytestmark = pytest.mark.django_db
NOW = "2026-03-10 03:00Z"


def save_plan(client, case, review_on, **extra):
    return client.post(reverse("plans:plan", args=[case.pk]), {"review_on": review_on, **extra})


@time_machine.travel(NOW, tick=False)
def test_a_review_date_years_ahead_is_kept_only_once_confirmed(as_worker, case):
    asked = save_plan(as_worker, case, "2029-03-01", in_own_words="A shop of my own")
    page = asked.content.decode()
    assert asked.status_code == 200 and not Plan.objects.exists()
    assert "2029-03-01 is more than 366 days ahead" in page
    assert 'name="confirm_far_dates"' in page and "Yes, the dates far ahead are right" in page
    assert "A shop of my own" in page  # what was typed is still there
    confirmed = save_plan(as_worker, case, "2029-03-01", in_own_words="A shop of my own", confirm_far_dates="on")
    assert confirmed.status_code == 302 and str(Plan.objects.get().review_on) == "2029-03-01"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("far", ["2099-01-01", "9999-12-31", "1899-12-31", "0001-01-01", "2026-02-30", "10000-01-01"])
def test_dates_beyond_the_limit_are_refused_even_when_confirmed(as_worker, case, far):
    response = save_plan(as_worker, case, far, confirm_far_dates="on")
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not Plan.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_near_date_needs_no_confirmation(as_worker, case):
    assert save_plan(as_worker, case, "2027-03-01").status_code == 302
    assert "confirm_far_dates" not in as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()


@time_machine.travel(NOW, tick=False)
def test_an_action_far_ahead_is_asked_about_with_the_typing_kept(as_worker, worker, case):
    save_plan(as_worker, case, "2027-03-01")
    data = {
        "area": "EDU",
        "description": "University entrance course",
        "delivery": "our_team",
        "responsible": worker.pk,
        "starts_on": "2030-09-01",
        "due_on": "2031-06-30",
    }
    asked = as_worker.post(reverse("plans:add_action", args=[case.pk]), data)
    page = asked.content.decode()
    assert asked.status_code == 200 and not Action.objects.exists()
    assert "University entrance course" in page and "2030-09-01 is more than" in page
    done = as_worker.post(reverse("plans:add_action", args=[case.pk]), {**data, "confirm_far_dates": "on"})
    assert done.status_code == 302 and Action.objects.get().due_on.isoformat() == "2031-06-30"


@time_machine.travel(NOW, tick=False)
def test_a_consent_to_re_confirm_years_ahead_is_asked_about(as_worker, case):
    from reintegra.consents.tests.test_consents import decision

    data = decision(decided_on="2026-03-10", review_on="2030-01-01")
    asked = as_worker.post(reverse("consents:list", args=[case.pk]), data)
    assert asked.status_code == 200 and not Consent.objects.exists()
    assert "2030-01-01 is more than 732 days ahead" in asked.content.decode()
    assert (
        as_worker.post(reverse("consents:list", args=[case.pk]), {**data, "confirm_far_dates": "on"}).status_code == 302
    )
    assert Consent.objects.get().review_on.isoformat() == "2030-01-01"
