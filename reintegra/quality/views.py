from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.core.flow import run_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.quality import access, actions
from reintegra.quality.catalogue import AREA_LABELS, CATALOGUE, ITEMS_BY_CODE, KIND_LABELS
from reintegra.quality.forms import RatingForm
from reintegra.quality.indicators import indicators_by_item, indicators_for
from reintegra.quality.models import Level


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    access.require_manages_quality(request.user)
    current = {rating.code: rating for rating in access.ratings_visible_to(request.user).current()}
    indicators = indicators_for(request.user.organisation, timezone.localdate())  # type: ignore[arg-type]
    by_item = indicators_by_item(indicators)
    areas: dict[str, dict] = {}
    for item in CATALOGUE:
        area = areas.setdefault(
            item.area,
            {"code": item.area, "label": AREA_LABELS[item.area], "rows": [], "counts": dict.fromkeys(Level.values, 0)},
        )
        rating = current.get(item.code)
        if rating is not None:
            area["counts"][rating.level] += 1
        area["rows"].append({"item": item, "rating": rating, "indicators": by_item.get(item.code, [])})
    for area in areas.values():
        area["summary"] = [(label, area["counts"][value]) for value, label in Level.choices]
    return render(
        request,
        "quality/overview.html",
        {
            "areas": list(areas.values()),
            "indicators": list(indicators.values()),
            "rated": len(current),
            "total": len(CATALOGUE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def standard(request: AuthenticatedRequest, code: str) -> HttpResponse:
    access.require_manages_quality(request.user)
    item = ITEMS_BY_CODE.get(code)
    if item is None:
        raise Http404
    form = RatingForm(request.POST or None)
    if request.method == "POST" and run_form(
        request, form, actions.rate_standard, _("Rating saved."), actor=request.user, code=code
    ):
        return redirect("quality:standard", code=code)
    history = list(access.ratings_visible_to(request.user).filter(code=code).select_related("rated_by"))
    if request.method == "GET" and history:
        latest = history[0]
        form = RatingForm(
            initial={
                "level": latest.level,
                "evidence": latest.evidence,
                "improvement": latest.improvement,
                "improve_by": latest.improve_by,
            }
        )
    by_item = indicators_by_item(indicators_for(request.user.organisation, timezone.localdate()))  # type: ignore[arg-type]
    return render(
        request,
        "quality/standard.html",
        {
            "item": item,
            "area_label": AREA_LABELS[item.area],
            "kind_label": KIND_LABELS[item.kind],
            "history": history,
            "form": form,
            "indicators": by_item.get(code, []),
        },
    )
