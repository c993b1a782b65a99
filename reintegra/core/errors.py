"""Errors the workflows raise that say more than "invalid"."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The request is fine but clashes with what is recorded: a second plan for the same episode,
    a follow-up started twice. Screens show it like any refusal; the API answers 409."""
