"""Pages of an API list: every list the API returns comes in pages, with the same parameters and
the same shape, so that no answer grows with a case's history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.errors import HttpError

T = TypeVar("T")
PAGE_SIZE_MAX = 200
PAGE_MAX = 1_000_000


class PageOut(Schema, Generic[T]):
    count: int = Field(..., description="How many items in all.")
    page: int
    pages: int
    items: list[T]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=PAGE_MAX)
    page_size: int = Field(50, ge=1, le=PAGE_SIZE_MAX)


def page_of(rows: QuerySet[Any] | Sequence[Any], query: PageQuery) -> tuple[list[Any], dict[str, int]]:
    """The rows of the asked page, and the page's count, number and number of pages. Past the
    last page is a 404, not the last page again: a client paging on would otherwise read the same
    rows for ever. An empty list is page 1 of 1."""
    paginator = Paginator(rows, query.page_size)
    try:
        current = paginator.page(query.page)
    except EmptyPage as exc:
        raise HttpError(404, f"There is no page {query.page}: the last page is {paginator.num_pages}.") from exc
    return list(current.object_list), {"count": paginator.count, "page": current.number, "pages": paginator.num_pages}
