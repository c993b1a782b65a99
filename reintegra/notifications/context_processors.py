from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from reintegra.notifications.access import notifications_for


def notifications(request: HttpRequest) -> dict[str, Any]:
    """How many reminders wait for the signed-in user. A template calls it, so a page that does
    not show the count costs no query, and one that shows it twice costs one."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def waiting() -> int:
        return notifications_for(user).needing_attention().count()

    return {"notifications_waiting": waiting}
