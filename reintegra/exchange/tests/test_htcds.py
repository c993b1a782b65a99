"""The code map against the standard itself: every code of every HTCDS picklist reads as one of
our values, every value of ours writes a code the standard has, spelled as it spells it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import TextChoices

from conftest import person_details
from reintegra.cases import actions
from reintegra.cases.models import Person
from reintegra.cases.vocabularies import (
    CaseStatus,
    ClosureReason,
    ControlMethod,
    ExploitationType,
    Gender,
    IdentificationStatus,
    IdentifyingAuthorityType,
    LabourIndustry,
    MaritalStatus,
    RecruitmentMethod,
    SexualExploitationForm,
    TraffickerRelationship,
    Vulnerability,
    WebsiteOrApp,
)
from reintegra.core.forms import LANGUAGE_CODES
from reintegra.exchange import htcds
from reintegra.exchange.htcds import PICKLISTS
from reintegra.orgs.models import OrganisationType
from reintegra.plans.models import AREA_CODES
from reintegra.referrals.models import ReferralReason

OUR_VOCABULARY: dict[str, type[TextChoices] | list[str]] = {
    "org_Type": OrganisationType,
    "prs_Gender": Gender,
    "prs_MaritalStatus": MaritalStatus,
    "vic_TraffickingStatusDecisionMakingOrg": IdentifyingAuthorityType,
    "vic_RelationshipToTrafficker": TraffickerRelationship,
    "vic_RecruitmentWebsitesAndApps": WebsiteOrApp,
    "vic_ExploitationWebsitesAndApps": WebsiteOrApp,
    "vic_MethodOfRecruitment": RecruitmentMethod,
    "vic_MethodsOfControl": ControlMethod,
    "vic_TypeOfExploitation": ExploitationType,
    "vic_ForcedLabourIndustry": LabourIndustry,
    "vic_TypeOfSexExploitation": SexualExploitationForm,
    "vic_Vulnerabilities": Vulnerability,
    "cas_ReasonForIncomingReferral": ReferralReason,
    "cas_ReasonForOutgoingReferral": ReferralReason,
    "spl_Type": AREA_CODES,
}


def test_every_picklist_of_the_standard_is_mapped_or_said_to_have_no_record():
    standard = set(htcds.standard_labels())
    assert len(standard) == 21
    assert standard == set(PICKLISTS) | set(htcds.NOT_HELD)
    assert not set(PICKLISTS) & set(htcds.NOT_HELD)


def test_every_core_picklist_is_held():
    core = {
        row["Field Name including Prefix"]
        for row in htcds.standard_fields()
        if row["Core"] and row["Field Name including Prefix"] in htcds.standard_labels()
    }
    assert core and core <= set(PICKLISTS)


@pytest.mark.parametrize("name", sorted(PICKLISTS))
def test_every_code_of_the_standard_reads_as_one_of_our_values(name):
    picklist = PICKLISTS[name]
    for code in htcds.standard_labels()[name]:
        assert picklist.value(code) is not None, f"{name}: {code!r} has no value of ours"


@pytest.mark.parametrize("name", sorted(PICKLISTS))
def test_every_code_written_is_the_standards_own_spelling(name):
    written = set(PICKLISTS[name].to_standard.values())
    assert written <= set(htcds.standard_labels()[name]), written - set(htcds.standard_labels()[name])


@pytest.mark.parametrize("name", sorted(OUR_VOCABULARY))
def test_every_value_of_ours_has_a_code_and_reads_back(name):
    vocabulary = OUR_VOCABULARY[name]
    values = list(vocabulary) if isinstance(vocabulary, list) else [value for value in vocabulary.values if value]
    picklist = PICKLISTS[name]
    for value in values:
        code = picklist.code(value)
        assert code, f"{name}: our {value!r} has no code"
        sharing = {ours for ours, theirs in picklist.to_standard.items() if theirs == code}
        assert picklist.value(code) in sharing


def test_the_standards_quirks_are_written_as_it_spells_them_and_read_either_way():
    control, relationship = PICKLISTS["vic_MethodsOfControl"], PICKLISTS["vic_RelationshipToTrafficker"]
    assert control.code(ControlMethod.DEBT_BONDAGE) == "DebtBondage "
    assert control.value("DebtBondage") == control.value("DebtBondage ") == ControlMethod.DEBT_BONDAGE
    assert relationship.code(TraffickerRelationship.STRANGER) == "Unaquainted"
    assert relationship.value("Unacquainted") == relationship.value("Unaquainted") == TraffickerRelationship.STRANGER


@pytest.mark.parametrize(
    ("spelled", "expected"),
    [
        ("Forced labour", ExploitationType.FORCED_LABOUR),
        ("FORCED_LABOUR", ExploitationType.FORCED_LABOUR),
        (" forcedlabour ", ExploitationType.FORCED_LABOUR),
        ("Forced military (by non-state actors)", ExploitationType.FORCED_MILITARY),
        ("Slavery", None),
        ("", None),
    ],
)
def test_codes_read_in_the_spellings_of_a_spreadsheet(spelled, expected):
    assert PICKLISTS["vic_TypeOfExploitation"].value(spelled) == expected


def test_the_case_status_keeps_a_transfer_and_reads_it_back():
    assert htcds.case_status(CaseStatus.INTAKE, "") == "Active"
    assert htcds.case_status(CaseStatus.ASSESSMENT, "") == "Active"
    assert htcds.case_status(CaseStatus.FOLLOW_UP, "") == "FollowUp"
    assert htcds.case_status(CaseStatus.CLOSED, ClosureReason.REINTEGRATED) == "Closed"
    assert htcds.case_status(CaseStatus.CLOSED, ClosureReason.TRANSFERRED) == "ClosedReferred"
    assert htcds.case_status_from("ClosedReferred") == (CaseStatus.CLOSED, ClosureReason.TRANSFERRED)
    assert htcds.case_status_from("Closed") == (CaseStatus.CLOSED, "")
    assert htcds.case_status_from("Follow Up") == (CaseStatus.FOLLOW_UP, "")
    assert htcds.case_status_from("Open") is None
    for status in CaseStatus.values:
        assert htcds.case_status(status, "") in htcds.standard_labels()["cas_Status"]


def test_the_trafficking_status_follows_who_identified_the_person():
    assert htcds.trafficking_status(IdentificationStatus.NOT_IDENTIFIED) == "PossibleVictimOfTrafficking"
    assert htcds.trafficking_status(IdentificationStatus.INFORMAL) == "ActualVictimOfTrafficking"
    assert htcds.trafficking_status(IdentificationStatus.FORMAL) == "ActualVictimOfTrafficking"
    assert htcds.trafficking_status(IdentificationStatus.NOT_TRAFFICKED) == "NotAVictimOfTrafficking"
    actual = "ActualVictimOfTrafficking"
    assert htcds.trafficking_status_from(actual, IdentifyingAuthorityType.POLICE) == IdentificationStatus.FORMAL
    assert htcds.trafficking_status_from(actual, IdentifyingAuthorityType.NGO) == IdentificationStatus.INFORMAL
    assert htcds.trafficking_status_from(actual) == IdentificationStatus.INFORMAL
    assert htcds.trafficking_status_from("Possible victim of trafficking") == IdentificationStatus.NOT_IDENTIFIED
    assert htcds.trafficking_status_from("Victim") is None
    for status in IdentificationStatus.values:
        assert htcds.trafficking_status(status) in htcds.standard_labels()["vic_TraffickingStatus"]


def test_languages_are_offered_as_iso_639_codes_only():
    assert {"en", "vi", "th", "km", "my", "lo", "zh", "pt"} <= LANGUAGE_CODES
    assert all(re.fullmatch("[a-z]{2,3}", code) for code in LANGUAGE_CODES), sorted(LANGUAGE_CODES)


@pytest.mark.django_db
def test_languages_recorded_as_regional_variants_become_the_language(worker):
    case = actions.register_person_with_case(
        actor=worker, person=person_details(languages=["en-gb", "pt-br", "pt", "vi"]), case=actions.CaseDetails()
    )
    migration = __import__("reintegra.cases.migrations.0017_languages_iso_639", fromlist=["to_iso_639"])
    # The models as the migration sees them, not today's: their encrypted values read sealed.
    historical = MigrationExecutor(connection).loader.project_state(("cases", "0017_languages_iso_639")).apps
    migration.to_iso_639(historical, None)
    assert Person.objects.get(pk=case.person_id).languages == ["en", "pt", "vi"]


def test_the_shipped_field_table_is_the_standards():
    source = Path(__file__).resolve().parents[4] / "shared" / "standards" / "htcds" / htcds.STANDARD_CSV.name
    if not source.exists():
        pytest.skip("the standard's own copy is not beside this checkout")
    assert source.read_bytes() == htcds.STANDARD_CSV.read_bytes()
