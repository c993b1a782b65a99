from django.db import migrations
from django.db.models import Exists, Min, OuterRef, Subquery

# Written out rather than imported: a migration must keep meaning what it meant when written.
FINISHED_ACTION_STATUSES = ("done", "cancelled")


def fill_case_review_dates(apps, schema_editor):
    # The rule of ConsentQuerySet.awaiting_reconfirmation: the latest decision of each thread,
    # given, with a re-confirmation date, not about a finished plan action.
    Case = apps.get_model("cases", "Case")
    Consent = apps.get_model("consents", "Consent")
    awaiting = (
        Consent.objects.filter(case=OuterRef("pk"), status="given", review_on__isnull=False)
        .filter(~Exists(Consent.objects.filter(supersedes=OuterRef("pk"))))
        .exclude(plan_action__status__in=FINISHED_ACTION_STATUSES)
        .order_by()
        .values("case")
        .annotate(earliest=Min("review_on"))
        .values("earliest")
    )
    Case.objects.update(consent_review_on=Subquery(awaiting))


class Migration(migrations.Migration):
    dependencies = [
        ("consents", "0005_child_view"),
        ("cases", "0012_consent_review_on"),
        ("plans", "0006_support_item_quantity_and_room_for_any_currency"),
    ]

    operations = [migrations.RunPython(fill_case_review_dates, migrations.RunPython.noop)]
