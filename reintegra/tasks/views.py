from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra.audit.models import AuditAction
from reintegra.cases import access as case_access
from reintegra.core.flow import apply_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.tasks import access, actions
from reintegra.tasks.forms import CloseTaskForm

SHOWN = 100


@login_required
def my_tasks(request: AuthenticatedRequest) -> HttpResponse:
    """The worker's open tasks across their cases, the most urgent first."""
    tasks = list(access.tasks_for(request.user).open().select_related("case", "referral__service")[:SHOWN])
    case_access.log_list_view(request.user, [task.case for task in tasks], action=AuditAction.TASKS)
    return render(
        request,
        "tasks/tasks.html",
        {"tasks": tasks, "today": timezone.localdate(), "shown": SHOWN, "form": CloseTaskForm()},
    )


@login_required
@require_POST
def close(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, task_id)
    apply_form(
        request,
        CloseTaskForm(request.POST),
        lambda data: actions.close_task(actor=request.user, task=task, status=data["status"]),
        _("Task closed."),
    )
    return redirect("tasks:tasks")
