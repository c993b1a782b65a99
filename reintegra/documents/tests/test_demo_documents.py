"""The demo's mother with an undocumented child, and documents in the synthetic data."""

from __future__ import annotations

from typing import Any

import pytest

from reintegra.demo.tests.test_demo import demo_password, run  # noqa: F401 (a fixture)
from reintegra.documents.models import Document, DocumentStatus, DocumentStep
from reintegra.family.models import Relationship

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_mother_and_a_child_without_papers(demo_password: str) -> None:  # noqa: F811
    run("load_demo", "--persons", "60")
    birth = Document.objects.get(kind="birth_registration", family_member__isnull=False)
    assert birth.family_member.relationship == Relationship.CHILD_BORN_IN_EXPLOITATION
    assert birth.status == DocumentStatus.NEEDED
    step = DocumentStep.objects.get(document=birth)
    assert step.fee_amount and step.obstacle == "confusing_procedure"
    card = Document.objects.get(case=birth.case, family_member__isnull=True)
    assert (card.kind, card.status) == ("identity_card", DocumentStatus.OBTAINED)


def test_synthetic_cases_have_documents_in_proportion(settings: Any) -> None:
    out = run("generate_synthetic", "--cases", "50", "--seed", "7")
    cases_with_papers = Document.objects.values("case").distinct().count()
    assert cases_with_papers == 5
    assert DocumentStep.objects.exists()
    assert "documents" in out
