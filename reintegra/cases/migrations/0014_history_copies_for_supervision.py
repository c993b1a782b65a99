from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_from_history(apps, schema_editor):
    """Fill the two copies for every existing case, from the history they summarise."""
    Case = apps.get_model("cases", "Case")
    CaseStatusChange = apps.get_model("cases", "CaseStatusChange")
    Setback = apps.get_model("outcomes", "Setback")
    Case.objects.update(
        last_setback_on=Subquery(
            Setback.objects.filter(case=OuterRef("pk")).order_by("-occurred_on").values("occurred_on")[:1]
        ),
        reopened_at=Subquery(
            CaseStatusChange.objects.filter(case=OuterRef("pk"), from_status="closed")
            .order_by("-changed_at")
            .values("changed_at")[:1]
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_reopening_index"),
        ("outcomes", "0003_setback_case_date"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="casestatuschange", name="case_reopening_at"),
        migrations.AddField(
            model_name="case",
            name="last_setback_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="reopened_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copy_from_history, migrations.RunPython.noop),
    ]
