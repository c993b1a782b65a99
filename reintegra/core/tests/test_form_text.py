"""Text no one could read back is refused by every form, at the field, and nothing is stored."""

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import reintegra
from reintegra.consents.models import Consent
from reintegra.consents.tests.test_consents import decision
from reintegra.core.forms import Form


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_form_of_reintegra_derives_from_the_checked_base():
    for module in pkgutil.walk_packages(reintegra.__path__, "reintegra."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    ours = [cls for cls in _all_subclasses(forms.Form) if cls.__module__.startswith("reintegra.")]
    assert len(ours) >= 30
    assert [cls for cls in ours if not issubclass(cls, Form)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Calls to Aunt Hoa\x07", "\x1b[31mred\x1b[0m", "nul\x00byte", "line\x0bfeed"])
def test_control_characters_are_refused_at_the_field_and_nothing_is_stored(as_worker, case, text):
    response = as_worker.post(reverse("consents:list", args=[case.pk]), decision(subject=text))
    page = response.content.decode()
    assert response.status_code == 200 and "invisible control characters" in page
    assert not Consent.objects.exists()


@pytest.mark.django_db
def test_tabs_and_line_breaks_are_ordinary_text(as_worker, case):
    as_worker.post(reverse("consents:list", args=[case.pk]), decision(subject="Training:\r\n\tsewing"))
    assert Consent.objects.get().subject == "Training:\r\n\tsewing"
