"""Answers that hold several facts at once: a home both mortgaged and lost, care paid two ways."""

import importlib

import pytest
from django.apps import apps

from reintegra.assessments.models import Assessment, Observation
from reintegra.assessments.tests.test_assessments import save_area, start

pytestmark = pytest.mark.django_db


def test_a_home_lost_two_ways_keeps_both_and_shows_both(as_worker, case):
    start(as_worker, case)
    response = save_area(as_worker, case, 1, "HOU", home_lost=["missed_payments", "mortgaged_for_migration"])
    assert response.status_code == 302
    answer = Observation.objects.get(area="HOU", field="home_lost")
    assert answer.value == ["missed_payments", "mortgaged_for_migration"]
    page = as_worker.get(f"/cases/{case.pk}/assessments/1/").content.decode()
    assert "payments stopped during the exploitation" in page and "mortgaged to pay for migrating" in page


@pytest.mark.parametrize(
    ("area", "field", "values", "refused"),
    [
        ("HOU", "home_lost", ["not_lost", "other_debt"], "No"),
        ("MED", "health_coverage", ["none", "insurance"], "No cover"),
        ("SAF", "risk_basis", ["fear_only", "incidents_reported"], "The person"),
    ],
)
def test_none_or_not_known_cannot_stand_beside_another_answer(as_worker, case, area, field, values, refused):
    start(as_worker, case)
    response = save_area(as_worker, case, 1, area, **{field: values})
    assert response.status_code == 200
    assert "cannot be ticked together with other answers" in response.content.decode()
    assert not Observation.objects.filter(field=field).exists()


def test_a_single_answer_recorded_before_becomes_a_list_of_one(as_worker, worker, case):
    start(as_worker, case)
    save_area(as_worker, case, 1, "MED", health_coverage=["insurance"])
    answer = Observation.objects.get(area="MED", field="health_coverage")
    answer.value = "insurance"  # as the single-choice field stored it
    answer.save()
    assert Observation.objects.get(pk=answer.pk).value == "insurance"
    migration = importlib.import_module("reintegra.assessments.migrations.0005_answers_that_hold_several_facts")
    migration.single_answers_to_lists(apps, None)
    assert Observation.objects.get(pk=answer.pk).value == ["insurance"]
    assert Assessment.objects.get(case=case).observations.count() == 1
