from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.children.models import guardian_appointed
from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.outcomes import access, actions, chart, rules
from reintegra.outcomes.forms import ReviewForm, SetbackForm
from reintegra.outcomes.models import Outcome, ReviewKind, Setback

REVIEWS_SHOWN = 24


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.outcomes_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    initial: dict[str, object] = {"reviewed_on": timezone.localdate()}
    if request.GET.get("kind") in ReviewKind.values:
        initial["kind"] = request.GET["kind"]
    # The chart is read far more often than a review is recorded (every few months), so the long
    # review form is only built when asked for: rendering its 30 fields was half the page's time.
    recording = request.method == "POST" or "kind" in request.GET or "record" in request.GET
    with_guardian = recording and guardian_appointed(case)
    form = ReviewForm(request.POST or None, initial=initial, with_guardian=with_guardian) if recording else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            actions.record_review(
                actor=request.user,
                case=case,
                reviewed_on=form.cleaned_data["reviewed_on"],
                kind=form.cleaned_data["kind"],
                ratings=form.ratings(),
                note=form.cleaned_data["note"],
                guardian_scores=form.guardian_scores(),
                guardian_view=form.cleaned_data.get("guardian_view", ""),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("outcomes:outcomes", case_id=case.pk)
    pairs = scope.reviews_with_ratings(limit=REVIEWS_SHOWN)
    reviews = [review for review, _ratings in pairs]
    history: dict[str, list[tuple[Any, str, str]]] = defaultdict(list)
    by_review: dict[int, dict[str, str]] = defaultdict(dict)
    for review, ratings in pairs:
        for rating in ratings:
            history[rating.outcome].append((review.reviewed_on, rating.worker_score, rating.person_score))
            by_review[review.pk][rating.outcome] = rating.worker_score
    latest = by_review.get(reviews[-1].pk, {}) if reviews else {}
    previous = by_review.get(reviews[-2].pk, {}) if len(reviews) > 1 else {}
    # What the worker wrote with each review, newest first: the note and every justification.
    labels = dict(Outcome.choices)
    written = [
        (review, [(labels.get(r.outcome, r.outcome), r) for r in ratings if r.justification])
        for review, ratings in reversed(pairs)
    ]
    summaries = [rules.ReviewScores(review.reviewed_on, by_review.get(review.pk, {})) for review in reviews]
    return render(
        request,
        "outcomes/outcomes.html",
        {
            "case": case,
            "form": form,
            "reviews": reviews,
            "written": written,
            "charts": [(code, label, chart.trajectory(history.get(code, []))) for code, label in Outcome.choices],
            "grid": chart.GRID,
            "alerts": [(Outcome(code).label, reason) for code, reason in rules.alerts(latest, previous)],
            "suggest_closure": not case.is_closed and rules.suggests_closure(summaries),
            "setbacks": scope.setbacks().select_related("recorded_by")[:20],
            "setback_form": SetbackForm(initial={"occurred_on": timezone.localdate()}),
        },
    )


@login_required
@require_POST
def setback(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.outcomes_scope(request.user, case_id, write=True).case
    recorded: list[Setback] = []
    if apply_form(
        request,
        SetbackForm(request.POST),
        lambda data: recorded.append(actions.record_setback(actor=request.user, case=case, **data)),
    ):
        messages.success(
            request,
            _("Setback recorded. A reassessment has started and follow-up is monthly again for three months.")
            if recorded[0].reassessment_id
            else _(
                "Setback recorded. Follow-up is monthly again for three months; the reassessment already open covers it."
            ),
        )
    return redirect("outcomes:outcomes", case_id=case.pk)
