from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.exchange.actions import partner_card
from reintegra.orgs.models import Organisation


class Command(BaseCommand):
    help = (
        "Print an organisation's partner card (name, country, public keys and fingerprints) as JSON, "
        "for a partner installation to pin with pin_partner. Makes the keys the first time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="the organisation's code")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError("No organisation has that code.")
        self.stdout.write(json.dumps(partner_card(organisation), indent=2, ensure_ascii=False))
