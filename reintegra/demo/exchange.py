"""The demo's partner abroad: an organisation that runs its own Reintegra in Thailand. This
installation has pinned its keys, lists it in the directory (so a worker can send it a referral
package), and a referral package from it waits in var/demo/ for the clinic to import.

The partner's secret keys belong to the other installation; the demo keeps them in var/demo/
only so that it can make that package again, fresh, each time the demo starts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.directory import actions as directory_actions
from reintegra.exchange import actions as exchange_actions
from reintegra.exchange import packages
from reintegra.exchange.models import OrganisationKeys, PackageKind, Partner
from reintegra.orgs.models import Organisation, OrganisationType

PARTNER_NAME = "Chiang Mai Return Network"
DEMO_DIR = Path(settings.BASE_DIR) / "var" / "demo"
KEYS_FILE = DEMO_DIR / "partner-abroad-keys.json"
PACKAGE_FILE = DEMO_DIR / "referral-from-chiang-mai.json"


def create_partner_abroad(coordinator: User) -> Partner:
    """Pin the partner, as an operator would after comparing fingerprints, and list it."""
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    material = packages.new_key_material()
    KEYS_FILE.write_text(json.dumps(material))
    KEYS_FILE.chmod(0o600)
    partner = exchange_actions.pin_partner(
        actor=coordinator,
        card={
            "name": PARTNER_NAME,
            "country": "TH",
            "signing_key": material["signing_public"],
            "box_key": material["box_public"],
        },
    )
    provider = directory_actions.save_provider(
        actor=coordinator, provider=None, values={"name": PARTNER_NAME, "country": "TH"}
    )
    provider.partner = partner
    provider.save()
    directory_actions.save_service(
        actor=coordinator,
        provider=provider,
        service=None,
        values={"name": "Counselling and family mediation, in Thai and Vietnamese"},
        areas=["PSY", "FAM"],
        locations=[],
    )
    return partner


def write_incoming_package(*, now: datetime | None = None) -> Path | None:
    """A referral from the partner to the demo clinic, sealed for the clinic and signed by the
    partner, valid for the package lifetime from now. None when the partner's keys are gone."""
    partner = Partner.objects.filter(name=PARTNER_NAME).first()
    clinic = Organisation.objects.filter(code="clinic").first()
    if partner is None or clinic is None or not KEYS_FILE.exists():
        return None
    now = now or timezone.now()
    material = json.loads(KEYS_FILE.read_text())
    # The other installation's own record of itself; never saved here.
    sender = OrganisationKeys(
        organisation=Organisation(name=PARTNER_NAME, code="chiangmai", org_type=OrganisationType.NGO, country="TH"),
        signing_secret=material["signing_secret"],
        signing_public=material["signing_public"],
    )
    recipient = exchange_actions.keys_for(clinic)
    clinic_as_partner = Partner(name=clinic.name, country=clinic.country, box_public=recipient.box_public)
    sent = now - timedelta(hours=20)
    body = {
        "reintegra_referral_id": 4107,
        "cas_ReferringOrganisation": PARTNER_NAME,
        "cas_ReferringPrimaryCaseWorker": "Ploy Srisuk",
        "cas_OutgoingReferralDate": sent.date().isoformat(),
        "cas_ReasonForOutgoingReferral": "AdditionalServicesRequired",
        "cas_OutgoingReferralDetails": (
            "Going home to Lào Cai next month after two years in a garment workshop. Needs a full "
            "check-up, and her asthma medicine continued, near home."
        ),
        "cas_ReferredOrganisation": clinic.name,
        "con_Consent": True,
        "reintegra_sent_to_protect_a_child": False,
        "reintegra_service": "General check-up",
        "reintegra_area": "MED",
        "reintegra_sent_at": sent.isoformat(),
        "reintegra_shared_sections": ["summary", "identity", "health"],
        "case": {"reintegra_case_number": "CMRN-2026-00318", "cas_Status": "assisted"},
        "person": {
            "prs_FirstName": "Mai",
            "prs_SecondName": "Lò Thị",
            "prs_Birthdate": "1999-08-14",
            "prs_Gender": "Feminine",
            "prs_Citizenship": ["VN"],
            "prs_PrimaryLanguage": "vi",
            "prs_SecondaryLanguage": "th",
        },
        "actions": [{"area": "MED", "description": "Asthma inhaler, refilled monthly", "status": "in_progress"}],
    }
    payload = packages.new_payload(
        kind=PackageKind.REFERRAL, sender=sender, recipient=clinic_as_partner, now=now, body=body
    )
    PACKAGE_FILE.write_bytes(packages.seal(payload=payload, sender=sender, recipient_box_public=recipient.box_public))
    return PACKAGE_FILE
