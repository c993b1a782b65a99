from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("referrals", "0002_referral_to_partner")]

    operations = [
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("status__in", ["accepted", "in_service"])),
                fields=["to_organisation", "sent_at", "id"],
                name="referral_inbox_in_service",
            ),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("ended_at__isnull", False)),
                fields=["to_organisation", "-ended_at", "-id"],
                name="referral_inbox_ended",
            ),
        ),
    ]
