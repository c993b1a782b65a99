from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from reintegra.core.http import AuthenticatedRequest
from reintegra.notifications import access, actions

SHOWN = 100


@login_required
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """The user's reminders, newest first. They carry numbers only; opening one goes to the record
    through its own access checks."""
    shown = list(access.notifications_for(request.user).select_related("case")[:SHOWN])
    return render(request, "notifications/notifications.html", {"notifications": shown, "shown": SHOWN})


@login_required
@require_POST
def open_notification(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    notification = access.get_notification_for_user(request.user, notification_id)
    actions.mark_read(user=request.user, notification=notification, now=timezone.now())
    return redirect(notification.link())


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    count = actions.mark_all_read(user=request.user, now=timezone.now())
    if count:
        text = ngettext("%(count)s reminder marked as read.", "%(count)s reminders marked as read.", count)
        messages.success(request, text % {"count": count})
    else:
        messages.info(request, _("Nothing was unread."))
    return redirect("notifications:notifications")
