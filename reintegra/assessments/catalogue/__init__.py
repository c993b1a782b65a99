"""Catalogue of the structured needs-assessment fields, one module per service area.

The catalogue is declarative: forms, models and exports read it, nothing here touches the database.
Each field holds one current value; the storage layer keeps every answer as a dated observation with its
source (the dated-observation pattern of service-areas.md); earlier versions are never changed, and a correction
within the latest version is kept in the audit trail. Repeating records
(episodes, referrals, support items, costs, debts, hearings, incidents) belong to their own features and are
not fields here. Field names and choice values follow the domain catalogue so data can be traced back to it;
labels and help texts are our own.
"""

from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue.adm import ADM
from reintegra.assessments.catalogue.cas import CAS
from reintegra.assessments.catalogue.eco import ECO
from reintegra.assessments.catalogue.edu import EDU
from reintegra.assessments.catalogue.fam import FAM
from reintegra.assessments.catalogue.fields import Area, FieldSpec, Kind, Sensitivity
from reintegra.assessments.catalogue.hou import HOU
from reintegra.assessments.catalogue.leg import LEG
from reintegra.assessments.catalogue.med import MED
from reintegra.assessments.catalogue.psy import PSY
from reintegra.assessments.catalogue.saf import SAF

__all__ = ["AREAS", "AREAS_BY_CODE", "SOURCES", "Area", "FieldSpec", "Kind", "Sensitivity"]

AREAS: tuple[Area, ...] = (HOU, MED, PSY, EDU, ECO, ADM, LEG, SAF, FAM, CAS)
AREAS_BY_CODE: dict[str, Area] = {a.code: a for a in AREAS}

# Where an answer came from.
SOURCES = (
    ("self_report", _("Told by the person")),
    ("worker_observation", _("Observed by the worker")),
    ("professional_assessment", _("Professional assessment")),
    ("document", _("Document")),
    ("third_party", _("Third party")),
)
