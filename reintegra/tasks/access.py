"""Which tasks a user sees: their own, on the cases whose team they are on. An outcome alert is
about sensitive ratings, which only the team opens; a task elsewhere answers 404."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import User
from reintegra.cases.access import cases_on_team_of
from reintegra.tasks.models import Task, TaskQuerySet


def tasks_for(user: User) -> TaskQuerySet:
    return Task.objects.filter(assigned_to=user, case__in=cases_on_team_of(user).values("pk"))


def get_task_for_user(user: User, task_id: int) -> Task:
    task = tasks_for(user).filter(pk=task_id).select_related("case").first()
    if task is None:
        raise Http404
    return task
