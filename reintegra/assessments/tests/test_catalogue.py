"""Invariants of the needs-assessment catalogue that forms, storage and access all rely on."""

import importlib
import re

from django.utils.functional import Promise

from reintegra.access.sections import Section
from reintegra.assessments.catalogue import AREAS, AREAS_BY_CODE, SOURCES, Kind, Sensitivity
from reintegra.assessments.models import Observation, section_of

TEN_AREAS = ("HOU", "MED", "PSY", "EDU", "ECO", "ADM", "LEG", "SAF", "FAM", "CAS")
KINDS = {Kind.CHOICE, Kind.MULTI, Kind.BOOL, Kind.TEXT, Kind.NOTE, Kind.NUMBER, Kind.DATE}


def test_the_ten_service_areas_each_in_a_module_of_its_own():
    assert tuple(area.code for area in AREAS) == TEN_AREAS
    assert set(AREAS_BY_CODE) == set(TEN_AREAS)
    for code in TEN_AREAS:
        module = importlib.import_module(f"reintegra.assessments.catalogue.{code.lower()}")
        assert getattr(module, code) is AREAS_BY_CODE[code]


def test_areas_belong_to_sections_the_access_rules_know():
    for area in AREAS:
        assert area.section in {Section.SUMMARY, Section.HEALTH, Section.MENTAL_HEALTH, Section.LEGAL, Section.SAFETY}
        assert area.sensitivity in {Sensitivity.STANDARD, Sensitivity.SENSITIVE, Sensitivity.RESTRICTED}
        assert area.fields, area.code


def test_fields_fit_storage_and_forms():
    field_length = Observation._meta.get_field("field").max_length
    for area in AREAS:
        names = [spec.name for spec in area.fields]
        assert len(names) == len(set(names)), f"{area.code}: a field name repeats"
        for spec in area.fields:
            where = f"{area.code}.{spec.name}"
            assert re.fullmatch(r"[a-z][a-z0-9_]*", spec.name) and len(spec.name) <= field_length, where
            assert spec.kind in KINDS, where
            assert spec.sensitivity in {Sensitivity.STANDARD, Sensitivity.SENSITIVE, Sensitivity.RESTRICTED}, where
            # Every text a worker reads is marked for translation.
            assert isinstance(spec.label, Promise), where
            assert not spec.help or isinstance(spec.help, Promise), where
            values = [value for value, _label in spec.choices]
            if spec.kind in (Kind.CHOICE, Kind.MULTI):
                assert values and len(values) == len(set(values)), where
                assert all(isinstance(label, Promise) for _value, label in spec.choices), where
            else:
                assert not spec.choices, where
            assert section_of(area, spec) in Section.values, where
            # Warning answers are one-choice values the field offers (Observation.warning).
            assert not spec.warning_values or spec.kind == Kind.CHOICE, where
            assert set(spec.warning_values) <= set(values), where


def test_restricted_findings_of_health_and_mental_health_are_clinical():
    for area in AREAS:
        for spec in area.fields:
            clinical = spec.sensitivity == Sensitivity.RESTRICTED and area.section in ("health", "mental_health")
            assert (section_of(area, spec) == Section.CLINICAL) == clinical, f"{area.code}.{spec.name}"
    assert (
        section_of(
            AREAS_BY_CODE["PSY"], next(s for s in AREAS_BY_CODE["PSY"].fields if s.name == "professional_assessment")
        )
        == "clinical"
    )


def test_answer_sources_are_unique():
    values = [value for value, _label in SOURCES]
    assert len(values) == len(set(values))


def test_exclusive_answers_belong_to_multi_choice_fields_and_are_among_their_choices():
    exclusive = [(area, spec) for area in AREAS for spec in area.fields if spec.exclusive_values]
    assert len(exclusive) >= 4
    for area, spec in exclusive:
        assert spec.kind == Kind.MULTI, f"{area.code}.{spec.name}"
        assert set(spec.exclusive_values) <= {value for value, _label in spec.choices}, f"{area.code}.{spec.name}"
