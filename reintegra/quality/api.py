"""The self-assessment as JSON (OpenAPI tag "quality"): the catalogue with the organisation's
current ratings, one standard with its history, rating it, and the live indicators. The same
access rule and workflow as the screens."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.quality import access, actions
from reintegra.quality.catalogue import CATALOGUE, ITEMS_BY_CODE
from reintegra.quality.indicators import INDICATOR_ITEMS, indicators_for
from reintegra.quality.models import Rating

router = Router()


class StandardRatingOut(Schema):
    level: str
    evidence: str
    improvement: str
    improve_by: date | None
    rated_by: str
    rated_at: datetime


class StandardOut(Schema):
    code: str
    area: str
    kind: str = Field(..., description="P programming, C children, A policy and advocacy")
    title: str
    text: str
    rating: StandardRatingOut | None
    indicators: list[str] = Field(..., description="Keys of the live indicators that measure this standard")


class StandardDetailOut(StandardOut):
    history: list[StandardRatingOut]


class StandardRatingIn(Schema):
    level: str = Field(..., description="in_place, partly, not_yet or not_applicable")
    evidence: str = ""
    improvement: str = ""
    improve_by: date | None = None


class IndicatorOut(Schema):
    key: str
    label: str
    counts: str
    met: int
    out_of: int
    percent: int | None
    standards: list[str]


def _rating(rating: Rating | None) -> StandardRatingOut | None:
    if rating is None:
        return None
    return StandardRatingOut(
        level=rating.level,
        evidence=rating.evidence,
        improvement=rating.improvement,
        improve_by=rating.improve_by,
        rated_by=rating.rated_by.display_name(),
        rated_at=rating.rated_at,
    )


def _measured_by(code: str) -> list[str]:
    return [key for key, codes in INDICATOR_ITEMS.items() if code in codes]


@router.get("/quality/standards", response=PageOut[StandardOut], summary="The standards catalogue with our ratings")
def list_standards(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    access.require_manages_quality(request.auth)
    items, page = page_of(CATALOGUE, paging)
    codes = [item.code for item in items]
    current = {
        rating.code: rating
        for rating in access.ratings_visible_to(request.auth)
        .current()
        .filter(code__in=codes)
        .select_related("rated_by")
    }
    return {
        **page,
        "items": [
            StandardOut(
                code=item.code,
                area=item.area,
                kind=item.kind,
                title=str(item.title),
                text=str(item.text),
                rating=_rating(current.get(item.code)),
                indicators=_measured_by(item.code),
            )
            for item in items
        ],
    }


def _detail(request: ApiRequest, code: str) -> StandardDetailOut:
    item = ITEMS_BY_CODE.get(code)
    if item is None:
        raise Http404
    history = list(access.ratings_visible_to(request.auth).filter(code=code).select_related("rated_by"))
    return StandardDetailOut(
        code=item.code,
        area=item.area,
        kind=item.kind,
        title=str(item.title),
        text=str(item.text),
        rating=_rating(history[0] if history else None),
        indicators=_measured_by(code),
        history=[rating for rating in map(_rating, history) if rating is not None],
    )


@router.get("/quality/standards/{code}", response=StandardDetailOut, summary="One standard, with every rating given")
def standard_detail(request: ApiRequest, code: str) -> StandardDetailOut:
    access.require_manages_quality(request.auth)
    return _detail(request, code)


@router.post(
    "/quality/standards/{code}/ratings",
    response={201: StandardDetailOut},
    summary="Rate a standard; the earlier ratings are kept",
)
def rate(request: ApiRequest, code: str, data: StandardRatingIn, response: HttpResponse) -> Status:
    access.require_manages_quality(request.auth)
    if code not in ITEMS_BY_CODE:
        raise Http404
    actions.rate_standard(
        actor=request.auth,
        code=code,
        level=data.level,
        evidence=data.evidence,
        improvement=data.improvement,
        improve_by=data.improve_by,
    )
    return created(response, _detail(request, code), "standard_detail", code=code)


class IndicatorsOut(Schema):
    counted_on: date
    # A fixed set (INDICATOR_ITEMS), so the list is whole rather than paged.
    indicators: list[IndicatorOut]


@router.get("/quality/indicators", response=IndicatorsOut, summary="The live indicators, counted now")
def list_indicators(request: ApiRequest) -> IndicatorsOut:
    access.require_manages_quality(request.auth)
    today = timezone.localdate()
    found = indicators_for(request.auth.organisation, today)  # type: ignore[arg-type]
    indicators = [
        IndicatorOut(
            key=indicator.key,
            label=str(indicator.label),
            counts=str(indicator.counts),
            met=indicator.met,
            out_of=indicator.out_of,
            percent=indicator.percent,
            standards=list(INDICATOR_ITEMS[indicator.key]),
        )
        for indicator in found.values()
    ]
    return IndicatorsOut(counted_on=today, indicators=indicators)
