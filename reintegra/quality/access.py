"""Who reaches the self-assessment. It is the organisation's own view of its work: its
supervisors and administrators read and rate it; nobody else, and nobody of another
organisation, sees it (404)."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import Role, User
from reintegra.quality.models import Rating, RatingQuerySet


def manages_quality(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.SUPERVISOR, Role.ORG_ADMIN)


def require_manages_quality(user: User) -> None:
    if not manages_quality(user):
        raise Http404


def ratings_visible_to(user: User) -> RatingQuerySet:
    if not manages_quality(user):
        return Rating.objects.none()
    return Rating.objects.filter(organisation_id=user.organisation_pk)
