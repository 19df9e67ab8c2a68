"""Open next month's food distributions and rosters for every place (cron-friendly, idempotent)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from food_support import services


class Command(BaseCommand):
    help = "Open next month's distributions and rosters for every place; lists registrations due for renewal."

    def handle(self, *args, **options):
        today = timezone.localdate()
        month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        for result in services.month_rollover(month=month):
            distribution = result.distribution
            # Counts only: no names in logs.
            self.stdout.write(
                f"{distribution.date:%Y-%m-%d} place={distribution.place_id}: "
                f"{distribution.roster_entries.count()} on roster, "
                f"{len(result.due_for_renewal)} due for renewal"
            )
