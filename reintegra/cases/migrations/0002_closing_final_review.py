import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_earlier_closings_a_final_review(apps, schema_editor):
    """Closings recorded before the rule existed get an empty final review dated on the day of
    closing, so the new constraint holds; no scores are invented for them."""
    change_model = apps.get_model("cases", "CaseStatusChange")
    review_model = apps.get_model("outcomes", "Review")
    for change in change_model.objects.filter(to_status="closed", final_review__isnull=True).iterator():
        change.final_review = review_model.objects.create(
            case_id=change.case_id, reviewed_on=change.changed_at.date(), kind="final", by_id=change.changed_by_id
        )
        change.save(update_fields=["final_review"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("outcomes", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="casestatuschange",
            name="final_review",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="closings",
                to="outcomes.review",
            ),
        ),
        migrations.RunPython(give_earlier_closings_a_final_review, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="casestatuschange",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("to_status", "closed"), _negated=True), ("final_review__isnull", False), _connector="OR"
                ),
                name="status_change_closing_has_final_review",
            ),
        ),
        migrations.AddConstraint(
            model_name="casestatuschange",
            constraint=models.UniqueConstraint(
                condition=models.Q(("final_review__isnull", False)),
                fields=("final_review",),
                name="final_review_closes_once",
            ),
        ),
    ]
