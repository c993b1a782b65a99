from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("referrals", "0003_inbox_ended_index")]

    operations = [
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("status__in", ["accepted", "in_service"])),
                fields=["to_organisation", "sent_at", "id"],
                name="referral_inbox_in_service",
            ),
        ),
    ]
