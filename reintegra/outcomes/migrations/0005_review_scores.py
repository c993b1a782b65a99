from itertools import groupby

from django.db import migrations, models

from reintegra.outcomes.models import scores_digest

BATCH = 2000


def fill_scores(apps, schema_editor):
    """Every existing review gets the digest of its ratings, read once in review order."""
    Review = apps.get_model("outcomes", "Review")
    Rating = apps.get_model("outcomes", "Rating")
    ratings = (
        Rating.objects.order_by("review_id", "outcome")
        .values_list("review_id", "outcome", "person_score", "worker_score")
        .iterator(chunk_size=BATCH)
    )
    pending = []
    for review_id, rows in groupby(ratings, key=lambda row: row[0]):
        pending.append(Review(pk=review_id, scores=scores_digest(row[1:] for row in rows)))
        if len(pending) == BATCH:
            Review.objects.bulk_update(pending, ["scores"])
            pending = []
    Review.objects.bulk_update(pending, ["scores"])


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0004_guardian_third_voice"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="scores",
            field=models.CharField(blank=True, default="", editable=False, max_length=20),
        ),
        migrations.RunPython(fill_scores, migrations.RunPython.noop),
    ]
