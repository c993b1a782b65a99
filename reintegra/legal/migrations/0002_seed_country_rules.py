"""Seed the rules of five countries, from the figures in IOM's FIIT toolkit (2013), summarised in
shared/domain/country-frameworks.yaml. They describe 2012-2013: an administrator checks them
against current law before anyone relies on a date computed from them. Conditions and rights are
short summaries in our words, not legal text. A country already present is left as it is."""

from django.db import migrations

SOURCE = (
    "Seeded from IOM, FIIT toolkit (2013): the situation in 2012-2013. Check every figure against "
    "current law and official sources before relying on a date computed from it."
)

COUNTRIES = [
    {
        "country": "BE",
        "stays": [
            ("reflection", "Reflection period", 45, None, False,
             "identified as a possible victim; no more contact with the suspects; supported by a specialised centre",
             "social welfare; education and language courses"),
            ("temporary_permit", "Temporary stay document", None, 3, True,
             "statement made to the police; supported by a specialised centre; no more contact with the suspects",
             "work; police protection; social welfare; education"),
            ("long_term_permit", "Residence permit (6 months)", None, 6, True,
             "cooperation with the investigation, while the criminal case is open; renewed while it lasts",
             "work; police protection; social welfare; education"),
        ],
    },
    {
        "country": "FR",
        "stays": [
            ("reflection", "Reflection period", 30, None, False,
             "consent given; exploitation and contact with the exploiters stopped",
             "no removal during the period; police protection; work; social welfare"),
            # The law allows 6 to 12 months; the shorter is seeded, and the permit's own date wins.
            ("temporary_permit", "Short-term residence permit (6 to 12 months)", None, 6, True,
             "complaint filed or testimony given against the exploiters; keeps cooperating until the proceedings end",
             "work without an employment contract; police protection; social welfare"),
            ("long_term_permit", "Residence permit (10 years)", None, 120, True,
             "the traffickers convicted and no contact with them, or the prefecture's discretion",
             "work; social welfare"),
        ],
    },
    {
        "country": "IT",
        "stays": [
            ("reflection", "First assistance programme (in practice a reflection period)", None, 3, True,
             "asked a specialised organisation for protection after violence",
             "police protection; social welfare"),
            ("temporary_permit", "Special residence permit (Article 18)", None, 6, True,
             "cooperation with the police or courts, or identification by a registered specialised organisation "
             "that vouches for the person's support",
             "work; police protection; social welfare"),
            ("long_term_permit", "Work or study permit (converted)", None, 12, True,
             "an employment contract or self-employment, or enrolment in studies with the means to finish them",
             "work; police protection; social welfare"),
        ],
    },
    {
        "country": "HU",
        "stays": [
            ("reflection", "Reflection period", 30, None, True,
             "cooperation with the authorities (the source is unclear on this)",
             "work; social welfare; a certificate of temporary residence"),
            ("temporary_permit", "Humanitarian residence permit", None, 6, True,
             "cooperation with the authorities",
             "social welfare"),
        ],
    },
    {
        "country": "GB",
        "holiday_subdivision": "ENG",
        "mechanism": "National Referral Mechanism",
        "first_decision_working_days": 5,
        "reflection_starts_with_first_decision": True,
        "reflection_lasts_until_final_decision": True,
        "stays": [
            ("reflection", "Recovery and reflection period", 45, None, True,
             "consent to the referral; a positive first (reasonable grounds) decision",
             "police protection; safe accommodation for adults"),
            ("temporary_permit", "Residence permit (1 year)", None, 12, True,
             "a positive final (conclusive grounds) decision and a granted application: it is not automatic",
             "work, except for asylum claimants; police protection"),
        ],
    },
]


def seed(apps, schema_editor):
    CountryRules = apps.get_model("legal", "CountryRules")
    StayRule = apps.get_model("legal", "StayRule")
    for entry in COUNTRIES:
        if CountryRules.objects.filter(country=entry["country"]).exists():
            continue
        rules = CountryRules.objects.create(
            country=entry["country"],
            holiday_subdivision=entry.get("holiday_subdivision", ""),
            mechanism=entry.get("mechanism", ""),
            first_decision_working_days=entry.get("first_decision_working_days"),
            reflection_starts_with_first_decision=entry.get("reflection_starts_with_first_decision", False),
            reflection_lasts_until_final_decision=entry.get("reflection_lasts_until_final_decision", False),
            source=SOURCE,
        )
        for kind, label, days, months, renewable, conditions, rights in entry["stays"]:
            StayRule.objects.create(
                country=rules,
                kind=kind,
                label=label,
                duration_days=days,
                duration_months=months,
                renewable=renewable,
                conditions=conditions,
                rights=rights,
            )


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
