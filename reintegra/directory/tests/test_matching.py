"""Matching a person's needs to the directory, through the page: the best fit first with why,
the ineligible with why not, a gap recorded as an unmet need, and the coordinator's counts that
name nobody. The person of `case` is a woman born 2001-02-28, Vietnamese, speaking Vietnamese
and Thai (conftest.person_details)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from reintegra.directory import actions
from reintegra.directory.models import UnmetNeed
from reintegra.plans.actions import add_action, create_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-06-01 09:00Z", tick=False):
        yield


def add_service(coordinator, name, *, area="MED", district="Ba Đình", **values):
    provider = actions.save_provider(
        actor=coordinator, provider=None, values={"name": f"{name} provider", "country": "VN"}
    )
    place = actions.save_location(
        actor=coordinator,
        provider=provider,
        location=None,
        values={"name": "Office", "district": district, "province": "Hà Nội", "country": "VN"},
    )
    return actions.save_service(
        actor=coordinator,
        provider=provider,
        service=None,
        values={"name": name, **values},
        areas=[area],
        locations=[place],
    )


def refer_in(case, worker, area):
    plan = create_plan(actor=worker, case=case, review_on=date(2026, 12, 1))
    provider = case.organisation  # the seam: any organisation will do for "delivered by referral"
    add_action(
        actor=worker,
        plan=plan,
        area=area,
        description="See a doctor",
        responsible=worker,
        delivery="referral",
        provider=provider,
    )


def order_of(page, *names):
    return [page.index(name) for name in names]


def test_the_best_fit_comes_first_and_every_exclusion_says_why(case, worker, coordinator, as_worker):
    refer_in(case, worker, "MED")
    near = add_service(coordinator, "Near clinic", languages=["vi"], waiting_days=3)
    far = add_service(coordinator, "Far clinic", district="Elsewhere", languages=["en"], waiting_days=60)
    men = add_service(coordinator, "Men's clinic", genders=["Masculine"])
    children = add_service(coordinator, "Children's clinic", serves_adults=False, maximum_age=17)
    closed = add_service(coordinator, "Closed clinic", status="temporarily closed")
    foreign = add_service(coordinator, "Consular clinic", nationalities=["MM"])
    formal = add_service(coordinator, "Formal-only clinic", legal_status="formally_identified")
    add_service(coordinator, "Lawyers", area="LEG")
    add_service(coordinator, "Shut clinic", status="defunct")  # closed for good: not even excluded
    first = as_worker.get(reverse("directory:matches", args=[case.pk]), {"district": "ba đình"}).content.decode()
    assert "See why 5 services are not eligible" in first and 'id="excluded-' not in first
    page = as_worker.get(
        reverse("directory:matches", args=[case.pk]), {"district": "ba đình", "why": "MED"}
    ).content.decode()
    assert "the plan refers: See a doctor" in page
    fitting = page.split('id="need-MED"')[1].split('class="excluded"')[0]
    assert fitting.index("Near clinic") < fitting.index("Far clinic")
    assert "speaks Vietnamese" in fitting and "in the same district" in fitting
    assert "lists no language the person speaks" in fitting  # the far clinic: English only
    excluded = page.split('class="excluded"')[1]
    for service, reason in (
        (men, "serves Male only"),
        (children, "serves children only, and the person is an adult"),
        (closed, "not taking anyone: Closed for a while"),
        (foreign, "serves other nationalities only"),
        (formal, "asks for formal identification"),
    ):
        row = excluded.split(f'id="excluded-{service.pk}"')[1].split("</li>")[0]
        assert reason in row, (service.name, row)
    assert "Lawyers" not in page and "Shut clinic" not in page  # another area; closed for good
    assert f'id="match-{far.pk}"' in page and f'id="match-{near.pk}"' in page


def test_unknowns_never_exclude_but_are_said(case, worker, coordinator, as_worker):
    case.person.gender = ""
    case.person.save()
    refer_in(case, worker, "MED")
    women = add_service(coordinator, "Women's clinic", genders=["Feminine"])
    page = as_worker.get(reverse("directory:matches", args=[case.pk])).content.decode()
    row = page.split(f'id="match-{women.pk}"')[1].split("</li>")[0]
    assert "serves some genders only, and the person&#x27;s is not recorded" in row


def test_a_need_no_service_meets_is_a_gap_recorded_and_counted_without_names(
    case, worker, coordinator, as_worker, as_coordinator
):
    refer_in(case, worker, "MED")
    page = as_worker.get(reverse("directory:matches", args=[case.pk])).content.decode()
    assert 'id="gap-MED"' in page
    url = reverse("directory:matches", args=[case.pk])
    post = {
        "unmet-area": "MED",
        "unmet-asked_for": "Dialysis twice a week",
        "unmet-reason": "no_provider",
        "unmet-answer_given": "We keep looking",
    }
    assert as_worker.post(url, post).status_code == 302
    need = UnmetNeed.objects.get()
    assert need.asked_for == "Dialysis twice a week" and need.recorded_on == date(2026, 6, 1)
    page = as_worker.get(url).content.decode()
    assert "Dialysis twice a week" in page and "We keep looking" in page
    gaps = as_coordinator.get(reverse("directory:gaps")).content.decode()
    table = gaps.split('id="gaps"')[1]
    assert "fewer than 5" in table and "Dialysis" not in gaps and case.number not in gaps
    for _ in range(4):
        as_worker.post(url, post)
    table = as_coordinator.get(reverse("directory:gaps")).content.decode().split('id="gaps"')[1]
    assert "<td>5</td>" in table and "fewer than 5" not in table


def test_bad_unmet_need_input_changes_nothing(case, as_worker):
    url = reverse("directory:matches", args=[case.pk])
    for post in (
        {"unmet-area": "MED", "unmet-asked_for": "", "unmet-reason": "no_provider"},
        {"unmet-area": "XYZ", "unmet-asked_for": "x", "unmet-reason": "no_provider"},
        {"unmet-area": "MED", "unmet-asked_for": "x", "unmet-reason": "because"},
    ):
        response = as_worker.post(url, post)
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
    assert not UnmetNeed.objects.exists()


def test_only_the_team_matches_and_only_coordinators_see_gaps(case, outsider, teammate, worker, as_worker):
    for user in (outsider, teammate):
        client = signed_in(user)
        assert client.get(reverse("directory:matches", args=[case.pk])).status_code == 404
        assert (
            client.post(
                reverse("directory:matches", args=[case.pk]), {"area": "MED", "asked_for": "x", "reason": "no_provider"}
            ).status_code
            == 404
        )
    assert not UnmetNeed.objects.exists()
    assert as_worker.get(reverse("directory:gaps")).status_code == 404


def test_matching_costs_the_same_queries_for_many_services(case, worker, coordinator, as_worker):
    refer_in(case, worker, "MED")
    add_service(coordinator, "One")
    url = reverse("directory:matches", args=[case.pk])
    as_worker.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_worker.get(url).status_code == 200
        return len(captured)

    few = queries()
    for number in range(15):
        add_service(coordinator, f"Clinic {number}", genders=["Masculine"] if number % 2 else [])
    assert queries() == few


def test_the_best_ten_are_shown_and_the_rest_one_click_away(case, worker, coordinator, as_worker):
    refer_in(case, worker, "MED")
    clinics = [add_service(coordinator, f"Clinic {n:02d}", waiting_days=n) for n in range(1, 14)]
    url = reverse("directory:matches", args=[case.pk])
    page = as_worker.get(url).content.decode()
    shown = [clinic for clinic in clinics if f'id="match-{clinic.pk}"' in page]
    assert shown == clinics[:10]  # the shortest waits first
    assert "Show 3 more eligible services" in page
    everything = as_worker.get(url, {"all": "MED"}).content.decode()
    assert all(f'id="match-{clinic.pk}"' in everything for clinic in clinics)
    assert "more eligible" not in everything
