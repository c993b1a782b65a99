"""A case record as one row of HTCDS 2.0 columns, both ways: written by the export, read by the
bulk import. Every value goes through the code map (exchange.htcds).

The row has every column of the standard, in its order; those we hold no record for stay empty.
After them come columns of our own, named `reintegra_…`, for what the standard cannot hold
exactly: our identification status and its date and authority (the standard only says "actual
victim"), our case status (intake and assessment are both "Active" to it), the opening date,
and lists the standard keeps to one or two values (phones, languages, addresses). An import
reads the standard's columns first and lets our own columns, when a file has them, override
what was derived: an export read back gives the same records, and a file from another system
needs none of them.

A column belongs to a section of the case: the export fills it only for a reader who may open
that section (cases.access.export_sections)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils.translation import gettext as _
from django_countries import countries

from reintegra.access.sections import Section
from reintegra.cases.actions import CaseDetails, PersonDetails
from reintegra.cases.models import Case
from reintegra.cases.vocabularies import AgeBand, CaseStatus, ClosureReason, DocumentType, IdentificationStatus
from reintegra.core.forms import LANGUAGE_CHOICES, LANGUAGE_CODES, iso_639
from reintegra.exchange import htcds
from reintegra.exchange.htcds import PICKLISTS

# Cells holding several codes: the standard's multiselect picklists, written as Salesforce
# exports them. On reading, commas and line breaks separate too.
CODE_SEPARATOR = ";"
# Cells holding several lines of free text (addresses, phones): one per line.
LINE_SEPARATOR = "\n"


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in plain words."""


@dataclass
class Draft:
    """What one row says, gathered column by column before it becomes a person and a case."""

    person: dict[str, Any] = field(default_factory=dict)
    case: dict[str, Any] = field(default_factory=dict)
    status: str = ""
    closure_reason: str = ""
    opened_on: date | None = None
    decided_by: str = ""
    trafficking_code: str = ""


@dataclass(frozen=True)
class Column:
    name: str
    section: str
    write: Callable[[Case], str]
    read: Callable[[str, Draft], None] | None = None


# Writing ---------------------------------------------------------------------------------------


def _codes(picklist: str, values: Iterable[str]) -> str:
    return CODE_SEPARATOR.join(code for value in values if (code := PICKLISTS[picklist].code(value)))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _nth(values: list[Any], index: int) -> str:
    return str(values[index]) if len(values) > index else ""


def _document(case: Case, key: str) -> str:
    documents = case.person.identity_documents
    return str(documents[0].get(key, "")) if documents else ""


def _age_when_trafficked(case: Case) -> str:
    born, began = case.person.birth_date, case.exploitation_began
    if not born or not began or began < born:
        return ""
    return str(began.year - born.year - ((began.month, began.day) < (born.month, born.day)))


# Reading ---------------------------------------------------------------------------------------


def _split(cell: str, separators: str) -> list[str]:
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", cell) if part.strip()]


def read_codes(picklist: str, cell: str) -> list[str]:
    values: list[str] = []
    for part in _split(cell, CODE_SEPARATOR + ",\n"):
        value = PICKLISTS[picklist].value(part)
        if value is None:
            raise CellError(_("“%(value)s” is not one of this column's codes.") % {"value": part})
        if value not in values:
            values.append(value)
    return values


def read_code(picklist: str, cell: str) -> str:
    values = read_codes(picklist, cell)
    if len(values) > 1:
        raise CellError(_("This column takes one value only."))
    return values[0] if values else ""


# Day-first unless the file says otherwise: most of the world writes 05/03/2024 for 5 March.
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_NAMED_MONTH_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y")


def read_date(cell: str, *, month_first: bool = False) -> date | None:
    """A date as spreadsheets write them: 2024-03-05, 05/03/2024, 5.3.2024, 5 March 2024,
    Mar 5, 2024, or a date with a midnight time. Refused rather than guessed: a two-digit year,
    or a day and month that cannot be told apart under the file's order."""
    text = cell.strip()
    if not text:
        return None
    text = re.sub(r"[ T]00:00(:00(\.0+)?)?$", "", text)
    match = _NUMERIC_DATE.match(text)
    try:
        if match:
            first, second, third = match.groups()
            if len(first) == 4:
                return date(int(first), int(second), int(third))
            if len(third) != 4:
                raise CellError(_("Write the year with four digits, e.g. 2024-03-05."))
            day, month = (second, first) if month_first else (first, second)
            return date(int(third), int(month), int(day))
        for pattern in _NAMED_MONTH_FORMATS:
            try:
                return datetime.strptime(text.replace(",", ""), pattern).date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise CellError(_("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05.") % {"value": cell})


_TRUE = {"true", "yes", "y", "1", "x", "checked"}
_FALSE = {"false", "no", "n", "0", ""}


def read_bool(cell: str) -> bool:
    text = cell.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("Write yes or no."))


def read_country(part: str) -> str:
    """A country by its ISO 3166 code (two or three letters, or the number) or English name."""
    code = countries.alpha2(part.strip()) or countries.by_name(part.strip())
    if not code:
        raise CellError(_("“%(value)s” is not a country we know; use its two-letter ISO code.") % {"value": part})
    return str(code)


_LANGUAGE_NAMES = {str(name).casefold(): code for code, name in LANGUAGE_CHOICES}


def read_language(part: str) -> str:
    """A language by its ISO 639 code (two or three letters, a regional variant allowed) or its
    English name."""
    text = part.strip()
    code = iso_639(text.replace("_", "-"))
    if code in LANGUAGE_CODES:
        return code
    if text.casefold() in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text.casefold()]
    try:
        language = Locale.parse(code).language
    except (UnknownLocaleError, ValueError):
        language = ""
    if language in LANGUAGE_CODES:
        return language
    raise CellError(_("“%(value)s” is not a language we know; use its ISO 639 code.") % {"value": part})


def _into(target: str, name: str, parse: Callable[[str], Any]) -> Callable[[str, Draft], None]:
    def read(cell: str, draft: Draft) -> None:
        getattr(draft, target)[name] = parse(cell)

    return read


def _list_into(target: str, name: str, parse: Callable[[str], Any], separators: str) -> Callable[[str, Draft], None]:
    def read(cell: str, draft: Draft) -> None:
        values = [parse(part) for part in _split(cell, separators)]
        getattr(draft, target)[name] = list(dict.fromkeys(values))

    return read


def _append_to(target: str, name: str, parse: Callable[[str], Any]) -> Callable[[str, Draft], None]:
    """Several standard columns feed one of our lists (mobile and home phone; primary and
    secondary language): each adds its value."""

    def read(cell: str, draft: Draft) -> None:
        if cell.strip():
            values = getattr(draft, target).setdefault(name, [])
            value = parse(cell)
            if value not in values:
                values.append(value)

    return read


def _text(cell: str) -> str:
    return cell.strip()


def _year(cell: str) -> int | None:
    text = cell.strip()
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        raise CellError(_("Write the year with four digits."))
    return int(text)


def _choice(choices: Iterable[str]) -> Callable[[str], str]:
    allowed = list(choices)

    def parse(cell: str) -> str:
        text = cell.strip()
        if text and text not in allowed:
            raise CellError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": ", ".join(allowed)}
            )
        return text

    return parse


def _read_trafficking_status(cell: str, draft: Draft) -> None:
    if cell.strip() and htcds.trafficking_status_from(cell) is None:
        raise CellError(_("“%(value)s” is not one of this column's codes.") % {"value": cell})
    draft.trafficking_code = cell.strip()


def _read_decided_by(cell: str, draft: Draft) -> None:
    draft.decided_by = read_code("vic_TraffickingStatusDecisionMakingOrg", cell)
    draft.case["identifying_authority_type"] = draft.decided_by


def _read_case_status(cell: str, draft: Draft) -> None:
    if not cell.strip():
        return
    found = htcds.case_status_from(cell)
    if found is None:
        raise CellError(_("“%(value)s” is not one of this column's codes.") % {"value": cell})
    draft.status, draft.closure_reason = found


def _read_document_number(cell: str, draft: Draft) -> None:
    if cell.strip():
        draft.person["document_number"] = cell.strip()


def _read_document_type(cell: str, draft: Draft) -> None:
    if cell.strip():
        draft.person["document_type"] = _choice(DocumentType.values)(cell)


def _read_our_status(cell: str, draft: Draft) -> None:
    if cell.strip():
        draft.status = _choice(CaseStatus.values)(cell)


def _read_our_closure(cell: str, draft: Draft) -> None:
    if cell.strip():
        draft.closure_reason = _choice(ClosureReason.values)(cell)


def _read_opened_on(cell: str, draft: Draft) -> None:
    draft.opened_on = read_date(cell)


def _read_our_identification(cell: str, draft: Draft) -> None:
    if cell.strip():
        draft.case["identification_status"] = _choice(IdentificationStatus.values)(cell)


def _blank(_case: Case) -> str:
    return ""


def _exploitation_event(write: Callable[[Case], str]) -> Callable[[Case], str]:
    """A trafficking-event column: empty when nothing is known of where or when the person was
    exploited, so that no row claims an event it has no detail of."""
    return lambda case: write(case) if case.exploitation_countries or case.exploitation_began else ""


def _closure_reason(case: Case) -> str:
    if case.status != CaseStatus.CLOSED or not case.closure_reason:
        return ""
    return str(ClosureReason(case.closure_reason).label)


@dataclass(frozen=True)
class Related:
    """What a case's row says of records beyond the case: the highest schooling of its latest
    needs assessment, and its latest referral sent for the person (not for a family member)."""

    education: str = ""
    referred_to: str = ""
    referred_on: date | None = None
    referral_reason: str = ""


_RELATED = "_htcds_related"


def _related(case: Case) -> Related:
    return getattr(case, _RELATED, None) or Related()


def with_related(case: Case, related: Related) -> None:
    """Give a case the related records its row writes (exchange.access.attach_export_related)."""
    setattr(case, _RELATED, related)


def _person(name: str) -> Callable[[Case], str]:
    return lambda case: str(getattr(case.person, name) or "")


def _lines(name: str) -> Callable[[Case], str]:
    return lambda case: LINE_SEPARATOR.join(map(str, getattr(case.person, name)))


def _case_codes(picklist: str, name: str) -> Callable[[Case], str]:
    return lambda case: _codes(picklist, getattr(case, name))


def _case_code(picklist: str, name: str) -> Callable[[Case], str]:
    return lambda case: PICKLISTS[picklist].code(getattr(case, name))


def _multi(picklist: str, name: str) -> Column:
    return Column(
        f"vic_{picklist.removeprefix('vic_')}",
        Section.TRAFFICKING,
        _case_codes(picklist, name),
        _into("case", name, lambda cell: read_codes(picklist, cell)),
    )


_IDENTITY, _LOCATION, _SUMMARY, _TRAFFICKING = Section.IDENTITY, Section.LOCATION, Section.SUMMARY, Section.TRAFFICKING

# The standard's columns we fill or read; every other column of the standard is written empty and
# ignored on reading.
_STANDARD: dict[str, Column] = {
    column.name: column
    for column in (
        Column("prs_FirstName", _IDENTITY, _person("given_name"), _into("person", "given_name", _text)),
        Column("prs_SecondName", _IDENTITY, _person("family_name"), _into("person", "family_name", _text)),
        Column(
            "prs_Birthdate",
            _IDENTITY,
            lambda case: _iso(case.person.birth_date),
            _into("person", "birth_date", lambda cell: read_date(cell)),
        ),
        Column(
            "prs_Gender",
            _IDENTITY,
            lambda case: PICKLISTS["prs_Gender"].code(case.person.gender),
            _into("person", "gender", lambda cell: read_code("prs_Gender", cell)),
        ),
        Column(
            "prs_MaritalStatus",
            _IDENTITY,
            lambda case: PICKLISTS["prs_MaritalStatus"].code(case.person.marital_status),
            _into("person", "marital_status", lambda cell: read_code("prs_MaritalStatus", cell)),
        ),
        Column(
            "prs_PrimaryLanguage",
            _IDENTITY,
            lambda case: _nth(case.person.languages, 0),
            _append_to("person", "languages", read_language),
        ),
        Column(
            "prs_SecondaryLanguage",
            _IDENTITY,
            lambda case: _nth(case.person.languages, 1),
            _append_to("person", "languages", read_language),
        ),
        Column(
            "prs_Citizenship",
            _IDENTITY,
            lambda case: CODE_SEPARATOR.join(case.person.nationalities),
            _list_into("person", "nationalities", read_country, CODE_SEPARATOR + ",\n"),
        ),
        Column("prs_IdentityNumber", _IDENTITY, lambda case: _document(case, "number"), _read_document_number),
        Column("prs_Email", _IDENTITY, lambda case: _nth(case.person.emails, 0), _append_to("person", "emails", _text)),
        Column(
            "prs_HomePhone", _IDENTITY, lambda case: _nth(case.person.phones, 1), _append_to("person", "phones", _text)
        ),
        Column(
            "prs_MobilePhone",
            _IDENTITY,
            lambda case: _nth(case.person.phones, 0),
            _append_to("person", "phones", _text),
        ),
        Column(
            "prs_MailingStreet",
            _LOCATION,
            lambda case: _nth(case.person.addresses, 0),
            _append_to("person", "addresses", _text),
        ),
        Column(
            "vic_TraffickingStatus",
            _SUMMARY,
            lambda case: htcds.trafficking_status(case.identification_status),
            _read_trafficking_status,
        ),
        Column(
            "vic_TraffickingStatusDecisionMakingOrg",
            _SUMMARY,
            _case_code("vic_TraffickingStatusDecisionMakingOrg", "identifying_authority_type"),
            _read_decided_by,
        ),
        Column(
            "vic_RelationshipToTrafficker",
            _TRAFFICKING,
            _case_code("vic_RelationshipToTrafficker", "trafficker_relationship"),
            _into("case", "trafficker_relationship", lambda cell: read_code("vic_RelationshipToTrafficker", cell)),
        ),
        # Derived from the dates of birth and of the exploitation's start, which are exported
        # themselves; on reading it says nothing those two do not.
        Column("vic_AgeWhenTrafficked", _TRAFFICKING, _age_when_trafficked),
        _multi("vic_RecruitmentWebsitesAndApps", "recruitment_apps"),
        _multi("vic_MethodOfRecruitment", "recruitment_methods"),
        _multi("vic_MethodsOfControl", "control_methods"),
        _multi("vic_TypeOfExploitation", "exploitation_types"),
        Column(
            "vic_ForcedLabourIndustry",
            _TRAFFICKING,
            _case_code("vic_ForcedLabourIndustry", "labour_industry"),
            _into("case", "labour_industry", lambda cell: read_code("vic_ForcedLabourIndustry", cell)),
        ),
        _multi("vic_TypeOfSexExploitation", "sexual_exploitation_forms"),
        _multi("vic_ExploitationWebsitesAndApps", "exploitation_apps"),
        _multi("vic_Vulnerabilities", "vulnerabilities"),
        # The exploitation as the row's one trafficking event: its first country and start. All
        # the countries are in reintegra_exploitation_countries; an import reads those.
        Column("hte_Type", _TRAFFICKING, _exploitation_event(lambda case: "Exploitation")),
        Column("hte_Country", _TRAFFICKING, _exploitation_event(lambda case: _nth(case.exploitation_countries, 0))),
        Column("hte_Date", _TRAFFICKING, _exploitation_event(lambda case: _iso(case.exploitation_began))),
        # The organisation that holds the case and writes the file.
        Column("org_Name", _SUMMARY, lambda case: case.organisation.name),
        Column("org_Type", _SUMMARY, lambda case: PICKLISTS["org_Type"].code(case.organisation.org_type)),
        Column("org_ShippingCountry", _SUMMARY, lambda case: str(case.organisation.country)),
        Column(
            "cas_Status",
            _SUMMARY,
            lambda case: htcds.case_status(case.status, case.closure_reason),
            _read_case_status,
        ),
        # Only records the person agreed to pass on are exported (exchange.access).
        Column("con_Consent", _SUMMARY, lambda case: "TRUE"),
        # Written for the reader; an import takes our closure code (reintegra_closure_reason).
        Column("cas_ReasonForCaseClosure", _SUMMARY, _closure_reason),
        Column(
            "cas_CaseOwner",
            _SUMMARY,
            lambda case: case.supervisor.display_name() if case.supervisor else "",
        ),
        # From records beyond the case row, which exchange.access.attach_export_related() looks up a thousand cases at a
        # time; each is already the one the reader may open, so the columns take no section of
        # their own beyond the summary.
        Column("prs_HighestLevelOfEducation", _SUMMARY, lambda case: _related(case).education),
        Column("cas_ReferredOrganisation", _SUMMARY, lambda case: _related(case).referred_to),
        Column("cas_OutgoingReferralDate", _SUMMARY, lambda case: _iso(_related(case).referred_on)),
        Column(
            "cas_ReasonForOutgoingReferral",
            _SUMMARY,
            lambda case: PICKLISTS["cas_ReasonForOutgoingReferral"].code(_related(case).referral_reason),
        ),
    )
}

OUR_COLUMNS: tuple[Column, ...] = (
    Column("reintegra_opened_on", _SUMMARY, lambda case: _iso(case.opened_on), _read_opened_on),
    Column("reintegra_case_status", _SUMMARY, lambda case: case.status, _read_our_status),
    Column("reintegra_closure_reason", _SUMMARY, lambda case: case.closure_reason, _read_our_closure),
    Column(
        "reintegra_identification_status", _SUMMARY, lambda case: case.identification_status, _read_our_identification
    ),
    Column(
        "reintegra_identified_on",
        _SUMMARY,
        lambda case: _iso(case.identified_on),
        _into("case", "identified_on", lambda cell: read_date(cell)),
    ),
    Column(
        "reintegra_identifying_authority",
        _SUMMARY,
        lambda case: case.identifying_authority,
        _into("case", "identifying_authority", _text),
    ),
    Column(
        "reintegra_other_names",
        _IDENTITY,
        _lines("other_names"),
        _list_into("person", "other_names", _text, LINE_SEPARATOR + ";"),
    ),
    Column(
        "reintegra_estimated_birth_year",
        _IDENTITY,
        _person("estimated_birth_year"),
        _into("person", "estimated_birth_year", _year),
    ),
    Column("reintegra_age_band", _IDENTITY, _person("age_band"), _into("person", "age_band", _choice(AgeBand.values))),
    Column(
        "reintegra_age_disputed",
        _IDENTITY,
        lambda case: "yes" if case.person.age_disputed else "",
        _into("person", "age_disputed", read_bool),
    ),
    Column(
        "reintegra_languages",
        _IDENTITY,
        lambda case: CODE_SEPARATOR.join(case.person.languages),
        _list_into("person", "languages", read_language, CODE_SEPARATOR + ",\n"),
    ),
    Column(
        "reintegra_phones", _IDENTITY, _lines("phones"), _list_into("person", "phones", _text, LINE_SEPARATOR + ";")
    ),
    Column(
        "reintegra_emails", _IDENTITY, _lines("emails"), _list_into("person", "emails", _text, LINE_SEPARATOR + ";")
    ),
    Column(
        "reintegra_addresses", _LOCATION, _lines("addresses"), _list_into("person", "addresses", _text, LINE_SEPARATOR)
    ),
    Column("reintegra_identity_document_type", _IDENTITY, lambda case: _document(case, "type"), _read_document_type),
    Column("reintegra_notes", _IDENTITY, _person("notes"), _into("person", "notes", _text)),
    Column(
        "reintegra_origin_countries",
        _TRAFFICKING,
        lambda case: CODE_SEPARATOR.join(case.origin_countries),
        _list_into("case", "origin_countries", read_country, CODE_SEPARATOR + ",\n"),
    ),
    Column(
        "reintegra_exploitation_countries",
        _TRAFFICKING,
        lambda case: CODE_SEPARATOR.join(case.exploitation_countries),
        _list_into("case", "exploitation_countries", read_country, CODE_SEPARATOR + ",\n"),
    ),
    Column(
        "reintegra_exploitation_began",
        _TRAFFICKING,
        lambda case: _iso(case.exploitation_began),
        _into("case", "exploitation_began", lambda cell: read_date(cell)),
    ),
    Column(
        "reintegra_exploitation_ended",
        _TRAFFICKING,
        lambda case: _iso(case.exploitation_ended),
        _into("case", "exploitation_ended", lambda cell: read_date(cell)),
    ),
)


def columns() -> list[Column]:
    """Every column of the export, in order: the standard's 83, then ours."""
    return [
        _STANDARD.get(name) or Column(name, _SUMMARY, _blank)
        for name in (row["Field Name including Prefix"] for row in htcds.standard_fields())
    ] + list(OUR_COLUMNS)


def header() -> list[str]:
    return [column.name for column in columns()]


def readable_columns() -> dict[str, Column]:
    """The columns an import reads, by name."""
    return {column.name: column for column in [*_STANDARD.values(), *OUR_COLUMNS] if column.read is not None}


def row_for(case: Case, sections: frozenset[str]) -> list[str]:
    """The case as one row; columns of sections the reader may not open stay empty."""
    return [column.write(case) if column.section in sections else "" for column in columns()]


def finish(draft: Draft) -> tuple[PersonDetails, CaseDetails]:
    """The person and case a row describes, once every cell is read. Raises CellError naming
    the column when the row as a whole does not hold together."""
    person = dict(draft.person)
    number, kind = person.pop("document_number", ""), person.pop("document_type", "")
    person["identity_documents"] = [{"type": kind or DocumentType.OTHER, "number": number}] if number else []
    case = dict(draft.case)
    if "identification_status" not in case:
        status = (
            htcds.trafficking_status_from(draft.trafficking_code, draft.decided_by) if draft.trafficking_code else None
        )
        case["identification_status"] = status or IdentificationStatus.NOT_IDENTIFIED
    if case["identification_status"] == IdentificationStatus.NOT_IDENTIFIED:
        case.update(identified_on=None, identifying_authority="", identifying_authority_type="")
    elif case["identification_status"] == IdentificationStatus.FORMAL and not case.get("identifying_authority"):
        # The standard names the kind of body, not the body: its label stands in for the name.
        labels = htcds.standard_labels()["vic_TraffickingStatusDecisionMakingOrg"]
        case["identifying_authority"] = labels.get(case.get("identifying_authority_type", ""), "")
    return PersonDetails(**person), CaseDetails(**case)
