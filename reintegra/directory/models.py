"""The network's service directory: who offers what, where, and to whom.

It describes organisations and their services, not persons, so none of that is encrypted; but a
shelter's street address can lead a trafficker to the people inside it, so a location can be
marked confidential and then only its district and province leave the database (pages, API and
HSDS exports alike). Identifiers are UUIDs so that a directory exchanged in Open Referral HSDS keeps
its identity across installations (`hsds.py`). Unmet needs, at the end, are case records: they
are encrypted and reached through the case scope like any other."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from reintegra.assessments.models import AREA_CHOICES
from reintegra.cases.vocabularies import ExploitationType, Gender
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField
from reintegra.core.forms import LANGUAGE_CHOICES, LANGUAGE_CODES

AREA_CODES = [code for code, _label in AREA_CHOICES]
# Ages a service may name as its limits; beyond these a value is a typing error.
OLDEST_AGE = 120


def _check_codes(value: object, allowed: frozenset[str], what: Any) -> None:
    """A JSON list of codes, each from `allowed`, without repeats."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Give a list of codes."))
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ValidationError(
            _("Not a known %(what)s: %(codes)s.") % {"what": what, "codes": ", ".join(unknown[:5])[:200]}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A code is given twice."))


def validate_genders(value: object) -> None:
    _check_codes(value, frozenset(Gender.values), _("gender"))


def validate_exploitation_types(value: object) -> None:
    _check_codes(value, frozenset(ExploitationType.values), _("form of exploitation"))


def validate_languages(value: object) -> None:
    _check_codes(value, LANGUAGE_CODES, _("language code"))


def validate_nationalities(value: object) -> None:
    _check_codes(value, frozenset(code for code, _name in countries), _("country code"))


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service status values."""

    ACTIVE = "active", _("Open")
    INACTIVE = "inactive", _("Not taking anyone at present")
    DEFUNCT = "defunct", _("Closed for good")
    TEMPORARILY_CLOSED = "temporarily closed", _("Closed for a while")


class LegalStatusRequired(models.TextChoices):
    """What a service asks of a person's status before it helps them. Many services wrongly ask
    for formal identification; recording it lets matching explain an exclusion honestly."""

    NONE = "none", _("No requirement")
    FORMALLY_IDENTIFIED = "formally_identified", _("Formally identified as a trafficked person")
    LEGAL_RESIDENCE = "legal_residence", _("Legal residence in the country")


class Provider(models.Model):
    """An organisation that offers services (HSDS "organization"). It may or may not use this
    installation: `member` names the organisation that does, and only then can a referral reach
    it inside the installation."""

    hsds_id = models.UUIDField(_("HSDS identifier"), unique=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    website = models.URLField(_("website"), blank=True, default="")
    email = models.EmailField(_("email"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    # Empty when an imported directory does not say (HSDS gives places a country, not organisations).
    country = CountryField(_("country"), blank=True)
    member = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directory_entry",
        verbose_name=_("uses this installation as"),
    )
    # Or: an organisation of another Reintegra installation, whose keys are pinned here. Referrals
    # to it travel as signed, encrypted packages (reintegra.exchange).
    partner = models.OneToOneField(
        "exchange.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directory_entry",
        verbose_name=_("uses another Reintegra installation as"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            # On this installation or on a partner's: never both.
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(partner__isnull=True), name="provider_member_or_partner"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where a provider works (HSDS "location" with its physical "address")."""

    hsds_id = models.UUIDField(_("HSDS identifier"), unique=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=300, blank=True, default="")
    city = models.CharField(_("town or city"), max_length=100, blank=True, default="")
    district = models.CharField(_("district"), max_length=100, blank=True, default="")
    province = models.CharField(_("province or state"), max_length=100, blank=True, default="")
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True, default="")
    country = CountryField(_("country"))
    confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("For shelters and safe houses: only the district and province are shown or exported."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            # A confidential place keeps no street address at all, so no page or export can leak one.
            models.CheckConstraint(
                condition=Q(confidential=False) | (Q(address="") & Q(postal_code="")),
                name="location_confidential_has_no_address",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def where(self) -> str:
        # Small to large; a city that is also the province (Bangkok, Ho Chi Minh City) once.
        parts = [self.address, self.district, self.city, self.province]
        kept: list[str] = []
        for part in parts:
            if part and part.casefold() not in (seen.casefold() for seen in kept):
                kept.append(part)
        return ", ".join(kept)


class ServiceQuerySet(models.QuerySet["Service"]):
    def open(self) -> ServiceQuerySet:
        return self.filter(status=ServiceStatus.ACTIVE)

    def covering(self, area: str) -> ServiceQuerySet:
        return self.filter(areas__area=area)

    def for_listing(self) -> ServiceQuerySet:
        return self.select_related("provider").prefetch_related("areas", "locations")


class Service(models.Model):
    """What a provider offers, to whom, and on what terms. Eligibility lists left empty mean
    "anyone": a service that takes every nationality need not name them all."""

    hsds_id = models.UUIDField(_("HSDS identifier"), unique=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    trafficking_specific = models.BooleanField(
        _("specific to trafficked persons"),
        default=False,
        help_text=_("Off for mainstream services open to the public, such as a district hospital."),
    )
    serves_children = models.BooleanField(_("serves children"), default=True)
    serves_adults = models.BooleanField(_("serves adults"), default=True)
    minimum_age = models.PositiveSmallIntegerField(_("youngest age served"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age served"), null=True, blank=True)
    # Values of cases.vocabularies.Gender; empty means every gender.
    genders = models.JSONField(_("genders served"), default=list, blank=True, validators=[validate_genders])
    # ISO 3166 codes; empty means every nationality.
    nationalities = models.JSONField(
        _("nationalities served"), default=list, blank=True, validators=[validate_nationalities]
    )
    legal_status = models.CharField(
        _("status asked of the person"),
        max_length=24,
        choices=LegalStatusRequired.choices,
        default=LegalStatusRequired.NONE,
    )
    # Values of cases.vocabularies.ExploitationType; empty means every form.
    exploitation_types = models.JSONField(
        _("forms of exploitation served"), default=list, blank=True, validators=[validate_exploitation_types]
    )
    eligibility_notes = models.TextField(_("other conditions"), blank=True, default="")
    # ISO 639 codes of the languages staff can work in.
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[validate_languages])
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    fees = models.TextField(_("fees"), blank=True, default="")
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    waiting_days = models.PositiveSmallIntegerField(_("usual wait in days"), null=True, blank=True)
    hours = models.TextField(_("opening hours"), blank=True, default="")
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    email = models.EmailField(_("email"), blank=True, default="")
    locations: models.ManyToManyField[Location, ServiceAtLocation] = models.ManyToManyField(
        Location, through="ServiceAtLocation", related_name="services", verbose_name=_("locations")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ServiceStatus.values), name="service_status_valid"),
            models.CheckConstraint(
                condition=Q(legal_status__in=LegalStatusRequired.values), name="service_legal_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(serves_children=True) | Q(serves_adults=True), name="service_serves_someone"
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True) | Q(minimum_age__lte=OLDEST_AGE), name="service_minimum_age_range"
            ),
            models.CheckConstraint(
                condition=Q(maximum_age__isnull=True) | Q(maximum_age__lte=OLDEST_AGE), name="service_maximum_age_range"
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=F("minimum_age")),
                name="service_ages_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider.name})"

    def lists_in_words(self) -> dict[str, str]:
        """The coded eligibility lists in words, for pages: an empty string means "anyone"."""
        language_names = dict(LANGUAGE_CHOICES)
        return {
            "genders": ", ".join(str(Gender(code).label) for code in self.genders if code in Gender.values),
            "nationalities": ", ".join(str(countries.name(code)) for code in self.nationalities),
            "exploitation_types": ", ".join(
                str(ExploitationType(code).label) for code in self.exploitation_types if code in ExploitationType.values
            ),
            "languages": ", ".join(str(language_names.get(code, code)) for code in self.languages),
        }

    @property
    def area_codes(self) -> list[str]:
        return sorted(row.area for row in self.areas.all())


class ServiceArea(models.Model):
    """One of the ten service areas a service covers (not HSDS's geographic "service_area")."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)

    class Meta:
        ordering = ["area"]
        constraints = [
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="directory_service_area_valid"),
            models.UniqueConstraint(fields=["service", "area"], name="directory_service_area_unique"),
        ]
        indexes = [models.Index(fields=["area", "service"], name="directory_area_service")]


class ServiceAtLocation(models.Model):
    hsds_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique")]


class UnmetReason(models.TextChoices):
    """Why a need went unmet (R8): the network's gaps, and what to argue for."""

    NO_PROVIDER = "no_provider", _("No eligible service in the directory")
    WAITING_LIST = "waiting_list", _("Only services with a long wait")
    NO_BUDGET = "no_budget", _("No money to pay for it")
    OUTSIDE_MANDATE = "outside_mandate", _("Outside what the services may do")
    NOT_OFFERED = "not_offered", _("Not offered where the person lives")
    DECLINED = "declined", _("The person declined what was offered")


class UnmetNeed(EncryptedModel):
    """A need no service could meet, recorded so the person's answer is kept and the network
    sees its gaps. Appended, never edited. Its section is its service area's."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="unmet_needs")
    area = models.CharField(_("service area"), max_length=3, choices=AREA_CHOICES)
    asked_for = EncryptedTextField(_("what was asked for"))
    reason = models.CharField(_("why it is unmet"), max_length=16, choices=UnmetReason.choices)
    # What the worker told the person, so a refusal is explained rather than left silent.
    answer_given = EncryptedTextField(_("what the person was told"), blank=True, default="")
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(area__in=AREA_CODES), name="unmet_need_area_valid"),
            models.CheckConstraint(condition=Q(reason__in=UnmetReason.values), name="unmet_need_reason_valid"),
        ]
