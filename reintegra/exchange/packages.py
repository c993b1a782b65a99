"""Sealing and opening packages between installations, with PyNaCl (libsodium).

A package is a small JSON envelope: the fingerprint of the organisation it is for, and a sealed
box (X25519 + XSalsa20-Poly1305) that only that organisation's secret key opens. Inside is the
payload, signed with the sending organisation's Ed25519 key. The payload names its recipient
and its expiry, under the signature, so a package cannot be re-addressed or kept for later, and
its id, so it is opened once.

Opening checks, in order, and refuses with a plain sentence at the first that fails: it is a
package; it is for an organisation here; it opens (not damaged or altered); it comes from a
partner whose keys are pinned here, and the signature matches them; the signed recipient is the
one that opened it; it has not expired; it was not opened before."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from nacl.encoding import HexEncoder
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

from reintegra.exchange.models import OrganisationKeys, PackageReceipt, Partner

FORMAT = "reintegra-package"
VERSION = 1
# Long enough for a package to travel by email and wait over a holiday; short enough that a
# copy found later on a laptop opens nothing.
LIFETIME = timedelta(days=14)
# Clocks of two installations disagree a little; a package from further in the future is not trusted.
CLOCK_SKEW = timedelta(minutes=10)
SIGNATURE_BYTES = 64


class PackageRefused(ValidationError):
    """The package is refused; its message says why, in words a case worker can act on."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_key_b64: str) -> str:
    """A short digest of a public key, in groups of four, for reading aloud over the telephone."""
    digest = blake2b(unb64(public_key_b64), digest_size=16, encoder=HexEncoder).decode().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def new_key_material() -> dict[str, str]:
    signing, box = SigningKey.generate(), PrivateKey.generate()
    return {
        "signing_secret": b64(bytes(signing)),
        "box_secret": b64(bytes(box)),
        "signing_public": b64(bytes(signing.verify_key)),
        "box_public": b64(bytes(box.public_key)),
    }


def seal(*, payload: dict[str, Any], sender: OrganisationKeys, recipient_box_public: str) -> bytes:
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    signed = SigningKey(unb64(sender.signing_secret)).sign(body)
    sealed = SealedBox(PublicKey(unb64(recipient_box_public))).encrypt(bytes(signed))
    envelope = {"format": FORMAT, "version": VERSION, "to": fingerprint(recipient_box_public), "sealed": b64(sealed)}
    return json.dumps(envelope, indent=2).encode()


def new_payload(
    *, kind: str, sender: OrganisationKeys, recipient: Partner, now: datetime, body: dict[str, Any]
) -> dict[str, Any]:
    return {
        "package_id": str(uuid.uuid4()),
        "kind": kind,
        "created_at": now.isoformat(),
        "expires_at": (now + LIFETIME).isoformat(),
        "from": {
            "org_Name": sender.organisation.name,
            "org_ShippingCountry": str(sender.organisation.country),
            "signing_key": fingerprint(sender.signing_public),
        },
        "to": {"org_Name": recipient.name, "box_key": fingerprint(recipient.box_public)},
        kind: body,
    }


@dataclass(frozen=True)
class Opened:
    payload: dict[str, Any]
    partner: Partner
    recipient: OrganisationKeys
    package_id: uuid.UUID

    @property
    def kind(self) -> str:
        return str(self.payload["kind"])

    @property
    def body(self) -> dict[str, Any]:
        return dict(self.payload[self.kind])


def open_package(data: bytes, *, now: datetime, organisation_id: int | None = None) -> Opened:
    """Open a package, for `organisation_id` only when given: a package for another organisation
    of this installation is refused before its key is used, and says nothing about it."""
    envelope = _envelope(data)
    # Matched on the public halves only: no secret key is opened but the one addressed.
    recipient_pk = next(
        (
            pk
            for pk, public in OrganisationKeys.objects.values_list("pk", "box_public")
            if fingerprint(public) == envelope["to"]
        ),
        None,
    )
    recipient = (
        OrganisationKeys.objects.select_related("organisation").filter(pk=recipient_pk).first()
        if recipient_pk
        else None
    )

    if recipient is None:
        raise PackageRefused(_("This package is addressed to an organisation that does not use this installation."))
    if organisation_id is not None and recipient.organisation_id != organisation_id:
        raise PackageRefused(_("This package is not for your organisation."))
    try:
        signed = SealedBox(PrivateKey(unb64(recipient.box_secret))).decrypt(unb64(envelope["sealed"]))
    except (CryptoError, ValueError):
        raise PackageRefused(
            _("This package was damaged or altered on its way and cannot be opened. Ask the sender for a new one.")
        ) from None
    claimed = _json(signed[SIGNATURE_BYTES:])
    signer = str((claimed.get("from") or {}).get("signing_key", ""))
    partner = next((p for p in Partner.objects.all() if fingerprint(p.signing_public) == signer), None)
    if partner is None:
        raise PackageRefused(
            _("This package comes from an organisation whose keys are not pinned here. Check its keys with it first.")
        )
    try:
        VerifyKey(unb64(partner.signing_public)).verify(signed)
    except BadSignatureError:
        raise PackageRefused(
            _("The signature does not match %(partner)s's pinned key: the package was altered or is not from them.")
            % {"partner": partner.name}
        ) from None
    payload = claimed  # signed: from here on it can be trusted
    if (payload.get("to") or {}).get("box_key") != fingerprint(recipient.box_public):
        raise PackageRefused(_("This package was signed for another organisation and re-addressed: it is refused."))
    created, expires = moment(payload.get("created_at")), moment(payload.get("expires_at"))
    if created > now + CLOCK_SKEW:
        raise PackageRefused(_("This package claims to be made in the future. Check the sender's clock."))
    if expires - created > LIFETIME + CLOCK_SKEW or created < now - LIFETIME - CLOCK_SKEW:
        raise PackageRefused(
            _("This package claims a longer life than %(days)d days. Ask the sender for a new one.")
            % {"days": LIFETIME.days}
        )
    if expires <= now:
        raise PackageRefused(
            _("This package expired on %(date)s. Ask the sender for a new one.") % {"date": expires.date().isoformat()}
        )
    try:
        package_id = uuid.UUID(str(payload.get("package_id")))
    except ValueError:
        raise PackageRefused(_("This package has no valid id.")) from None
    if payload.get("kind") not in ("referral", "answer") or not isinstance(payload.get(payload["kind"]), dict):
        raise PackageRefused(_("This package holds nothing this installation understands."))
    earlier = PackageReceipt.objects.filter(package_id=package_id).first()
    if earlier is not None:
        raise PackageRefused(
            _("This package was already imported on %(date)s; it is not imported twice.")
            % {"date": earlier.received_at.date().isoformat()}
        )
    return Opened(payload=payload, partner=partner, recipient=recipient, package_id=package_id)


def _envelope(data: bytes) -> dict[str, str]:
    envelope = _json(data)
    if envelope.get("format") != FORMAT or envelope.get("version") != VERSION:
        raise PackageRefused(_("This file is not a Reintegra referral package."))
    if not isinstance(envelope.get("to"), str) or not isinstance(envelope.get("sealed"), str):
        raise PackageRefused(_("This file is not a Reintegra referral package."))
    return envelope


def _json(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PackageRefused(_("This file is not a Reintegra referral package.")) from None
    if not isinstance(value, dict):
        raise PackageRefused(_("This file is not a Reintegra referral package."))
    return value


def moment(value: object) -> datetime:
    try:
        moment = parse_datetime(str(value)[:40]) if value else None
    except ValueError:  # well formed but impossible, such as 30 February
        moment = None
    if moment is None or moment.tzinfo is None:
        raise PackageRefused(_("This package has no valid dates."))
    return moment
