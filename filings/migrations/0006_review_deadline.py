"""The provider's review deadline as a column (the review queue sorts and filters by it) and the overdue
flag; filings that started a review round before get the deadline of their latest round."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from common.workdays import add_workdays


def fill_review_due_on(apps, schema_editor):
    Filing = apps.get_model("filings", "Filing")
    FilingEvent = apps.get_model("filings", "FilingEvent")
    for filing in Filing.objects.filter(review_round__gt=0, review_due_on__isnull=True).only("pk"):
        started = (
            FilingEvent.objects.filter(filing_id=filing.pk, to_state="provider_review")
            .exclude(from_state="provider_review")
            .order_by("-created_at", "-id")
            .values_list("created_at", flat=True)
            .first()
        )
        if started is not None:
            due = add_workdays(timezone.localdate(started), settings.PROVIDER_REVIEW_WORKDAYS)
            Filing.objects.filter(pk=filing.pk).update(review_due_on=due)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0005_materials_move_to_their_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="filing",
            name="escalated_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="filing",
            name="review_due_on",
            field=models.DateField(blank=True, db_index=True, null=True),
        ),
        migrations.RunPython(fill_review_due_on, migrations.RunPython.noop, elidable=True),
    ]
