"""Outcome reviews, setbacks and the trajectory chart, through HTTP."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, signed_in
from reintegra.accounts.models import Role
from reintegra.assessments.models import Assessment
from reintegra.followups.models import FollowUp
from reintegra.outcomes.chart import trajectory
from reintegra.outcomes.models import Outcome, Rating, Review, Setback
from reintegra.outcomes.rules import ReviewScores, alerts, needs_justification, suggests_closure

pytestmark = pytest.mark.django_db


def review(client, case, on, worker="3", person="3", why="", kind="periodic", **overrides):
    data = {"reviewed_on": on, "kind": kind, "note": ""}
    for code in Outcome.values:
        data[f"{code}_worker"] = worker
        data[f"{code}_person"] = person
        data[f"{code}_why"] = why
    data.update(overrides)
    return client.post(reverse("outcomes:outcomes", args=[case.pk]), data)


def test_two_voices_side_by_side(as_worker, case):
    assert (
        review(as_worker, case, "2026-02-01", worker="3", person="4", O9_worker="na", O9_person="na").status_code == 302
    )
    rating = Rating.objects.get(outcome="O1")
    assert (rating.worker_score, rating.person_score) == ("3", "4")
    assert Rating.objects.get(outcome="O9").worker_score == "na"
    # The digest the monitoring report reads: the person's score, then the worker's, per domain.
    assert Review.objects.get().scores == "43" * 8 + "nn" + "43"


def test_the_scores_digest_of_the_migration_matches_the_workflows(as_worker, case):
    """The migration fills existing reviews with the same function; checked on a review whose
    digest was erased, as one written before the field existed."""
    from importlib import import_module

    from django.apps import apps

    review(as_worker, case, "2026-02-01", worker="2", person="4", why="Lost her job", O3_person="unknown")
    written = Review.objects.get().scores
    Review.objects.update(scores="")
    import_module("reintegra.outcomes.migrations.0005_review_scores").fill_scores(apps, None)
    assert Review.objects.get().scores == written == "42" * 2 + "u2" + "42" * 7


def test_low_scores_and_big_moves_need_a_reason(as_worker, case):
    response = review(as_worker, case, "2026-02-01", worker="2")
    assert response.status_code == 200 and "Explain the score" in response.content.decode()
    assert not Review.objects.exists()
    review(as_worker, case, "2026-02-01", worker="3")
    jump = review(as_worker, case, "2026-05-01", worker="3", O6_worker="5")
    assert "Explain the score" in jump.content.decode()
    assert review(as_worker, case, "2026-05-01", worker="3", O6_worker="5", O6_why="New job").status_code == 302


def test_alert_on_a_drop_and_on_crisis(as_worker, case):
    review(as_worker, case, "2026-02-01", worker="4")
    review(as_worker, case, "2026-05-01", worker="4", O5_worker="1", O5_why="Threats from the recruiter")
    page = as_worker.get(reverse("outcomes:outcomes", args=[case.pk])).content.decode()
    assert 'id="outcome-alerts"' in page and "crisis" in page


def test_setback_starts_reassessment_and_steps_up_followup(as_worker, case):
    as_worker.post(reverse("followups:start", args=[case.pk]), {"starts_on": "2025-01-15"})
    as_worker.post(reverse("assessments:list", args=[case.pk]), {"assessed_on": "2025-01-20", "reason": "first"})
    as_worker.post(
        reverse("assessments:edit_area", args=[case.pk, 1, "HOU"]),
        {"observed_on": "2025-01-20", "source": "self_report", "housing_situation": "general_shelter"},
    )
    response = as_worker.post(
        reverse("outcomes:setback", args=[case.pk]),
        {"occurred_on": "2026-06-03", "kind": "job_loss", "description": ""},
    )
    assert response.status_code == 302
    assert Setback.objects.get().kind == "job_loss"
    latest = Assessment.objects.filter(case=case).latest("version")
    assert (latest.version, latest.reason) == (2, "setback")
    followup = FollowUp.objects.get(case=case)
    assert followup.setbacks == ["2026-06-03"]
    assert followup.next_due_on == date(2025, 2, 15)  # nothing reached yet: the first slot is still due
    assert "2026-07-03" in [d.isoformat() for d in followup.upcoming(after=date(2026, 6, 3))]
    # A second setback while that reassessment is open opens no third, empty version.
    as_worker.post(
        reverse("outcomes:setback", args=[case.pk]), {"occurred_on": "2026-06-05", "kind": "threats", "description": ""}
    )
    assert Setback.objects.count() == 2
    assert Assessment.objects.filter(case=case).count() == 2
    # One remembered late, dated before the others: the case's copy keeps the latest date, which
    # the supervision list reads for "setback in the last 90 days".
    as_worker.post(
        reverse("outcomes:setback", args=[case.pk]), {"occurred_on": "2026-05-01", "kind": "threats", "description": ""}
    )
    case.refresh_from_db()
    assert Setback.objects.count() == 3 and case.last_setback_on == date(2026, 6, 5)


def test_closure_is_suggested_never_done(as_worker, case):
    review(as_worker, case, "2026-01-10", worker="4", O9_worker="na")
    review(as_worker, case, "2026-03-01", worker="4", O9_worker="na")
    page = as_worker.get(reverse("outcomes:outcomes", args=[case.pk])).content.decode()
    assert "closure-suggestion" not in page  # less than three months apart
    review(as_worker, case, "2026-06-15", worker="5", O9_worker="na", why="Stable job and home")
    page = as_worker.get(reverse("outcomes:outcomes", args=[case.pk])).content.decode()
    assert "closure-suggestion" in page
    case.refresh_from_db()
    assert case.status == "intake"


def test_chart_is_server_rendered_svg(as_worker, case):
    review(as_worker, case, "2026-01-10", worker="2", person="3", why="Early days")
    review(as_worker, case, "2026-04-10", worker="3", person="3")
    page = as_worker.get(reverse("outcomes:outcomes", args=[case.pk])).content.decode()
    assert page.count("<svg") == 10 and 'id="chart-O1"' in page and "<script" not in page.split("<main>")[1]


def test_the_review_form_opens_when_asked_for(as_worker, case):
    url = reverse("outcomes:outcomes", args=[case.pk])
    chart = as_worker.get(url).content.decode()
    assert 'name="O1_worker"' not in chart and 'href="?record=1#review"' in chart
    assert 'name="O1_worker"' in as_worker.get(url + "?record=1").content.decode()
    final = as_worker.get(url + "?kind=final").content.decode()
    assert '<option value="final" selected>' in final


def test_outcomes_stay_with_the_team(as_worker, case, shelter, as_teammate, as_outsider):
    review(as_worker, case, "2026-01-10", worker="3")
    manager = signed_in(make_user("manager2", shelter, Role.SUPERVISOR))
    assert (
        manager.get(reverse("outcomes:outcomes", args=[case.pk])).status_code == 404
    )  # a denied section answers like a missing case
    for client in (as_teammate, as_outsider):
        assert client.get(reverse("outcomes:outcomes", args=[case.pk])).status_code == 404
        assert review(client, case, "2026-02-01").status_code == 404
    assert Review.objects.count() == 1


def test_outcome_page_queries_do_not_grow(as_worker, case):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert as_worker.get(reverse("outcomes:outcomes", args=[case.pk])).status_code == 200
        return len(captured)

    review(as_worker, case, "2025-01-10", worker="3")
    small = count()
    for month in range(2, 12):
        review(as_worker, case, f"2025-{month:02d}-10", worker="3")
    assert count() == small


def test_rules_directly():
    assert needs_justification("1", None) and needs_justification("4", "2") and not needs_justification("4", "3")
    assert not needs_justification("na", "1")
    assert alerts({"O1": "2"}, {"O1": "4"}) == [("O1", "drop")]
    stable = dict.fromkeys(Outcome.values, "4")
    assert not suggests_closure([ReviewScores(date(2026, 1, 1), stable), ReviewScores(date(2026, 2, 1), stable)])
    incomplete = {"O1": "5"}
    assert not suggests_closure(
        [ReviewScores(date(2026, 1, 1), incomplete), ReviewScores(date(2026, 6, 1), incomplete)]
    )
    chart = trajectory([(date(2026, 1, 1), "1", "unknown"), (date(2026, 7, 1), "5", "4")])
    assert chart.worker.path.startswith("M28.0,98.0") and chart.worker.path.endswith("L410.0,10.0")
    assert len(chart.person.points) == 1  # "not assessed" leaves a gap, not a zero
