"""Search by any part of a name, and near-duplicate warnings, on blind-index digests of single
name tokens: nothing in clear, in any script."""

import itertools
from datetime import date

import pytest
from django.urls import reverse

from conftest import person_details
from reintegra.cases import actions

pytestmark = pytest.mark.django_db

NAMES = [
    ("Kyaw Zin", "Htet"),  # Burmese, in Latin letters
    ("ကျော်ဇင်", "ထက်"),  # Burmese script
    ("สมชาย ใจดี", "บุญมี"),  # Thai script
    ("Nguyễn Thị", "Phương Thảo"),
]


@pytest.fixture
def registered(worker):
    cases = []
    for given, family in NAMES:
        cases.append(
            actions.register_person_with_case(
                actor=worker,
                person=person_details(
                    given_name=given, family_name=family, other_names=[], phones=[], addresses=[], identity_documents=[]
                ),
                case=actions.CaseDetails(),
            )
        )
    return cases


def search(client, text):
    return client.post(reverse("cases:search"), {"kind": "name", "value": text}).content.decode()


@pytest.mark.parametrize("index", range(len(NAMES)))
def test_any_subset_of_the_name_tokens_finds_the_person(as_worker, registered, index):
    given, family = NAMES[index]
    tokens = f"{given} {family}".split()
    case = registered[index]
    for size in range(1, len(tokens) + 1):
        for subset in itertools.combinations(tokens, size):
            page = search(as_worker, " ".join(reversed(subset)))
            assert case.number in page, subset
    others = [c.number for i, c in enumerate(registered) if i != index]
    assert not any(number in search(as_worker, f"{given} {family}") for number in others)


def test_a_token_the_person_does_not_carry_finds_nothing(as_worker, registered):
    page = search(as_worker, "Kyaw Htet Aung")
    assert registered[0].number not in page


def test_search_by_tokens_stays_inside_what_the_user_may_see(as_teammate, registered):
    assert registered[0].number not in search(as_teammate, "Kyaw Htet")


def test_registering_again_without_the_middle_name_warns(as_worker, worker):
    first = actions.register_person_with_case(
        actor=worker,
        person=person_details(
            given_name="Thị Phương", family_name="Nguyễn", birth_date=date(2001, 2, 28), phones=[], other_names=[]
        ),
        case=actions.CaseDetails(),
    )
    again = {
        "person-given_name": "Phuong",
        "person-family_name": "Nguyen",
        "person-birth_date": "2001-07-01",  # a different day, the same year
        "case-identification_status": "not_identified",
    }
    page = as_worker.post(reverse("cases:register"), again).content.decode()
    assert "may already be registered" in page and first.number in page
    # Two of three tokens but nothing else in common: no warning.
    unrelated = {**again, "person-birth_date": "1990-07-01"}
    assert "may already be registered" not in as_worker.post(reverse("cases:register"), unrelated).content.decode()
