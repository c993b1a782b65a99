"""The shape shared by small POST-only views: validate a form, run one action, tell the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def form_errors(form: forms.Form) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


def attach_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a workflow's refusal on the form: errors keyed by a field the form has go beside that
    field, the rest above the form. Workflows raise field-keyed errors (the API shows the same)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def run_form(request: HttpRequest, form: forms.Form, action: Callable[..., Any], done: str, **given: Any) -> bool:
    """Run `action` with the form's cleaned data (and `given`), and tell the user `done`. On
    invalid input or a refusal, the errors go beside the form's fields for the page to show
    again with what was typed; nothing is written. Returns whether the action ran."""
    if not form.is_valid():
        return False
    try:
        action(**given, **form.cleaned_data)
    except ValidationError as exc:
        attach_errors(form, exc)
        return False
    messages.success(request, done)
    return True


def apply_form(
    request: HttpRequest, form: forms.Form, action: Callable[[dict[str, Any]], Any], success: str = ""
) -> bool:
    """Run `action` with the form's cleaned data. Invalid input or a refused action becomes an
    error message and changes nothing. Returns whether the action ran."""
    try:
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        action(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    if success:
        messages.success(request, success)
    return True
