"""A user's notifications are the user's own: anyone else's answers 404. The link a notification
carries goes through the access layer of the record it names, like any other visit."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import User
from reintegra.notifications.models import Notification, NotificationQuerySet


def notifications_for(user: User) -> NotificationQuerySet:
    return Notification.objects.filter(user_id=user.pk)


def get_notification_for_user(user: User, notification_id: int) -> Notification:
    notification = notifications_for(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification
