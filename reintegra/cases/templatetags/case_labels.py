"""Labels for the HTCDS vocabularies stored on persons and cases."""

from django import template

from reintegra.cases import vocabularies

register = template.Library()

_VOCABULARIES = {
    "gender": vocabularies.Gender,
    "age_band": vocabularies.AgeBand,
    "document": vocabularies.DocumentType,
    "exploitation": vocabularies.ExploitationType,
    "recruitment": vocabularies.RecruitmentMethod,
    "identification": vocabularies.IdentificationStatus,
    "authority": vocabularies.IdentifyingAuthorityType,
    "marital": vocabularies.MaritalStatus,
    "app": vocabularies.WebsiteOrApp,
    "control": vocabularies.ControlMethod,
    "industry": vocabularies.LabourIndustry,
    "sexual_exploitation": vocabularies.SexualExploitationForm,
    "vulnerability": vocabularies.Vulnerability,
    "relationship": vocabularies.TraffickerRelationship,
}


@register.filter
def label(value: str | list[str], vocabulary: str) -> str:
    """Human label(s) for stored vocabulary code(s)."""
    choices = dict(_VOCABULARIES[vocabulary].choices)
    values = value if isinstance(value, list) else [value]
    return ", ".join(str(choices.get(v, v)) for v in values if v)
