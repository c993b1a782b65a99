from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.audit.context import Origin, origin
from reintegra.exchange import packages
from reintegra.exchange.actions import pin_partner


class Command(BaseCommand):
    help = (
        "Pin a partner installation's organisation from its card (partner_card there). Compare the "
        "fingerprints printed here with the partner over a second channel before you use it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("card", help="the partner's card, a JSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            card = json.loads(Path(options["card"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the card: {exc}") from None
        if not isinstance(card, dict):
            raise CommandError("The card is not a JSON object.")
        try:
            with origin(Origin(channel="cli")):
                partner = pin_partner(actor=None, card=card)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"Pinned {partner.name} ({partner.country}).\n"
            f"  signing key fingerprint:    {packages.fingerprint(partner.signing_public)}\n"
            f"  encryption key fingerprint: {packages.fingerprint(partner.box_public)}"
        )
