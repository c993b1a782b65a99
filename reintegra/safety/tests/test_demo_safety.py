"""The demo's high-risk case and the synthetic risk assessments."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from reintegra.cases.models import Case
from reintegra.demo.tests.test_demo import demo_password  # noqa: F401 (a fixture)
from reintegra.safety.models import PersonOfConcern, RiskAssessment, SafetyPlan
from reintegra.safety.reassessment import current_level

pytestmark = pytest.mark.django_db


def test_load_demo_gives_the_worker_a_high_risk_case_with_a_safety_plan(demo_password):  # noqa: F811
    call_command("load_demo", "--persons", "60", stdout=StringIO(), stderr=StringIO())
    case = Case.objects.get(risk_level="high")
    assert case.restricted and case.at_risk
    assert case.responsible is not None and case.responsible.username == "shelter.worker"
    assert SafetyPlan.objects.get(case=case).police_coordination
    assert PersonOfConcern.objects.filter(case=case).exists()


def test_generate_synthetic_writes_risk_assessments_in_proportion():
    out = StringIO()
    call_command("generate_synthetic", "--cases", "200", "--seed", "3", stdout=out, stderr=StringIO())
    assessed = set(RiskAssessment.objects.values_list("case_id", flat=True))
    assert len(assessed) == 200 // 20
    assert "risk assessments" in out.getvalue()
    for case in Case.objects.filter(pk__in=assessed):
        assert case.risk_level == current_level(RiskAssessment.objects.filter(case=case))
        assert case.risk_level != "high" or case.restricted
    assert not Case.objects.exclude(pk__in=assessed).exclude(risk_level="").exists()
