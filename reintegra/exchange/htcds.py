"""The one code map between Reintegra's values and those of HTCDS 2.0, the IOM's case data
standard (the field table ships in exchange/standard/). Exports write through it and imports
read through it; exchange/tests/test_htcds.py checks it against every code of the standard.

Most of our vocabularies use the standard's codes as values, so for them the map is one to one.
Where ours differ (case status, trafficking status, schooling, the plan's service areas), the
rules are written out below, with what is lost in each direction.

Where the standard contradicts itself, the CSV field table wins over its XLSForm: the form spells
prs_First_Name, prs_Second_Name and vic_Methods_of_Control, the table prs_FirstName,
prs_SecondName and vic_MethodsOfControl; the form lets vic_ForcedLabourIndustry hold several
values, the table one."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import TextChoices

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
from reintegra.orgs.models import OrganisationType
from reintegra.referrals.models import ReferralReason

# The one kind of trafficking event (hte_Type) a case holds.
EXPLOITATION_EVENT = "exploitation"

STANDARD_CSV = Path(__file__).parent / "standard" / "htcds-field-standards-2.0.csv"


@dataclass(frozen=True)
class Picklist:
    """One HTCDS picklist: our value to the standard's code, and back. `extra_codes` are codes of
    the standard that read as one of our values without being written for it (several of theirs
    meet one of ours)."""

    name: str
    to_standard: Mapping[str, str]
    extra_codes: Mapping[str, str] = field(default_factory=dict)
    # Words that are no code of the standard but that spreadsheets kept by hand use for one
    # ("F", "female"): read, never written.
    synonyms: Mapping[str, str] = field(default_factory=dict)

    def from_standard(self) -> dict[str, str]:
        return {**{code: ours for ours, code in self.to_standard.items()}, **self.extra_codes}

    def code(self, value: str) -> str:
        """The standard's code for our value; "" for an empty or unmapped one."""
        return self.to_standard.get(value, "")

    def value(self, code: str) -> str | None:
        """Our value for the standard's code, however a spreadsheet spelled it ("Forced labour",
        "forced_labour", "FORCEDLABOUR "); None when it is not one of the list's codes or labels."""
        return _spellings(self.name).get(_plain(code))


def _same(choices: type[TextChoices], **except_for: str) -> dict[str, str]:
    return {value: except_for.get(value, value) for value in choices.values if value}


PICKLISTS: dict[str, Picklist] = {
    picklist.name: picklist
    for picklist in (
        Picklist("org_Type", _same(OrganisationType)),
        Picklist(
            "prs_Gender",
            _same(Gender),
            synonyms={
                "F": Gender.FEMININE,
                "Female": Gender.FEMININE,
                "Woman": Gender.FEMININE,
                "Girl": Gender.FEMININE,
                "M": Gender.MASCULINE,
                "Male": Gender.MASCULINE,
                "Man": Gender.MASCULINE,
                "Boy": Gender.MASCULINE,
                "Unknown": Gender.UNKNOWN,
            },
        ),
        Picklist("prs_MaritalStatus", _same(MaritalStatus)),
        # From the latest needs assessment's "highest schooling completed" (EDU). The standard
        # counts levels completed (ISCED) and has no code for no schooling at all, which is left
        # blank; "some primary school" completed only the level below primary; "college or
        # university" cannot say which tertiary level, so it is written as the first.
        Picklist(
            "prs_HighestLevelOfEducation",
            {
                "some_primary": "EarlyChildhoodEducation",
                "primary": "PrimaryEducation",
                "lower_secondary": "LowerSecondaryEducation",
                "upper_secondary": "UpperSecondaryEducation",
                "vocational_certificate": "PostSecondaryNonTertiaryEducation",
                "higher": "ShortCycleTertiaryEducation",
            },
            extra_codes={
                "BachelorsOrEquivalentLevel": "higher",
                "MastersOrEquivalentLevel": "higher",
                "DoctoralOrEquivalentLevel": "higher",
            },
        ),
        # See trafficking_status() for the rule; this list only reads the codes.
        Picklist(
            "vic_TraffickingStatus",
            {
                IdentificationStatus.NOT_IDENTIFIED: "PossibleVictimOfTrafficking",
                IdentificationStatus.FORMAL: "ActualVictimOfTrafficking",
                IdentificationStatus.NOT_TRAFFICKED: "NotAVictimOfTrafficking",
            },
        ),
        Picklist("vic_TraffickingStatusDecisionMakingOrg", _same(IdentifyingAuthorityType)),
        # The standard misspells "Unacquainted"; the file it is sent to expects the misspelling.
        Picklist("vic_RelationshipToTrafficker", _same(TraffickerRelationship, Unacquainted="Unaquainted")),
        Picklist("vic_RecruitmentWebsitesAndApps", _same(WebsiteOrApp)),
        Picklist("vic_ExploitationWebsitesAndApps", _same(WebsiteOrApp)),
        Picklist("vic_MethodOfRecruitment", _same(RecruitmentMethod)),
        # The standard's code carries a trailing space, in the CSV and the XLSForm alike: it is
        # written as the standard has it, and read with or without the space.
        Picklist("vic_MethodsOfControl", _same(ControlMethod, DebtBondage="DebtBondage ")),
        Picklist("vic_TypeOfExploitation", _same(ExploitationType)),
        Picklist("vic_ForcedLabourIndustry", _same(LabourIndustry)),
        Picklist("vic_TypeOfSexExploitation", _same(SexualExploitationForm)),
        Picklist("vic_Vulnerabilities", _same(Vulnerability)),
        # See case_status() for the rule; this list only reads the codes.
        Picklist(
            "cas_Status",
            {CaseStatus.ACTIVE: "Active", CaseStatus.FOLLOW_UP: "FollowUp", CaseStatus.CLOSED: "Closed"},
            extra_codes={"ClosedReferred": CaseStatus.CLOSED},
        ),
        # A case keeps where and since when the person was exploited, not a list of dated events:
        # its one event is the exploitation (records.py, the hte_ columns). Recruitment and transit
        # have no record of ours, so they read as nothing.
        Picklist("hte_Type", {EXPLOITATION_EVENT: "Exploitation"}, extra_codes={"Recruitment": "", "Transit": ""}),
        Picklist("cas_ReasonForIncomingReferral", _same(ReferralReason)),
        Picklist("cas_ReasonForOutgoingReferral", _same(ReferralReason)),
        # A plan goal's or action's service area. Ours are the guidebook's ten areas; the
        # standard's types mix areas with programmes, so several of theirs read as one of ours.
        Picklist(
            "spl_Type",
            {
                "HOU": "SocialCare",
                "MED": "Health",
                "PSY": "Health",
                "EDU": "Education",
                "ECO": "Livelihood",
                "ADM": "Legal",
                "LEG": "Legal",
                "SAF": "SocialCare",
                "FAM": "SocialCare",
                "CAS": "SocialCare",
            },
            extra_codes={
                "SocialCare": "CAS",
                "Health": "MED",
                "Legal": "LEG",
                "Financial": "ECO",
                "LabourExploitationRehabilitation": "PSY",
                "SexualExploitationRehabilitation": "PSY",
                "RightsBasedTraining": "EDU",
            },
        ),
    )
}

# Picklists of the standard with no record of ours to hold them yet, and why.
NOT_HELD = {
    "per_RoleInProcess": "Reintegra keeps no records about perpetrators.",
}


def case_status(status: str, closure_reason: str) -> str:
    """cas_Status: intake, assessment and active support are all "Active" to the standard; a
    case closed because it was transferred is "ClosedReferred"."""
    if status == CaseStatus.CLOSED:
        return "ClosedReferred" if closure_reason == ClosureReason.TRANSFERRED else "Closed"
    return "FollowUp" if status == CaseStatus.FOLLOW_UP else "Active"


def case_status_from(code: str) -> tuple[str, str] | None:
    """Our status and closure reason for a cas_Status code, or None if it is not one. A plain
    "Closed" gives no reason, which the importer asks for."""
    status = PICKLISTS["cas_Status"].value(code)
    if status is None:
        return None
    if status == CaseStatus.CLOSED:
        return status, ClosureReason.TRANSFERRED if _plain(code) == _plain("ClosedReferred") else ""
    return status, ""


def trafficking_status(identification_status: str) -> str:
    """vic_TraffickingStatus: identified, formally or by an organisation, is an actual victim in
    the standard, whose decision-making body can be an NGO; not yet identified is a possible one."""
    if identification_status == IdentificationStatus.INFORMAL:
        return "ActualVictimOfTrafficking"
    return PICKLISTS["vic_TraffickingStatus"].code(identification_status)


def trafficking_status_from(code: str, decided_by: str = "") -> str | None:
    """Our identification status for a vic_TraffickingStatus code, or None if it is not one.
    An actual victim is identified formally unless an NGO (or nobody named) made the decision."""
    status = PICKLISTS["vic_TraffickingStatus"].value(code)
    if status == IdentificationStatus.FORMAL and decided_by in ("", IdentifyingAuthorityType.NGO):
        return IdentificationStatus.INFORMAL
    return status


def _plain(text: str) -> str:
    # Compare spellings without case, spaces, underscores or punctuation: "Forced labour",
    # "forced_labour" and "ForcedLabour" are the same code to a person filling a spreadsheet.
    return re.sub(r"[\W_]+", "", text, flags=re.UNICODE).casefold()


@cache
def _spellings(name: str) -> dict[str, str]:
    picklist = PICKLISTS[name]
    labels = standard_labels().get(name, {})
    spelled: dict[str, str] = {}
    for code, ours in picklist.from_standard().items():
        spelled[_plain(code)] = ours
        if labels.get(code):
            spelled.setdefault(_plain(labels[code]), ours)
    for ours in picklist.to_standard:
        spelled.setdefault(_plain(ours), ours)
    for word, ours in picklist.synonyms.items():
        spelled.setdefault(_plain(word), ours)
    return spelled


@cache
def standard_fields() -> list[dict[str, str]]:
    """The standard's fields, in its order, as rows of its field table (section headings and
    blank rows left out)."""
    with STANDARD_CSV.open(encoding="utf-8", newline="") as table:
        return [row for row in csv.DictReader(table) if row["Field Name including Prefix"]]


@cache
def standard_labels() -> dict[str, dict[str, str]]:
    """Each picklist's codes with their labels, as the standard writes them. The spl_Type list
    ends with an empty line in the table, which is not a code."""
    picklists: dict[str, dict[str, str]] = {}
    for row in standard_fields():
        names, labels = row["Value Names (if picklist)"], row["Value Labels (if picklist)"]
        if row["Field Type"].endswith("Picklist") and names and "ISO" not in names:
            picklists[row["Field Name including Prefix"]] = {
                code: label for code, label in zip(names.split("\n"), labels.split("\n"), strict=True) if code
            }
    return picklists
