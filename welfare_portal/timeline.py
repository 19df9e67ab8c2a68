"""One timeline per person and household, gathered from every app.

Each app that holds something about a person offers, in its selectors.py,
`person_timeline(person)` and `household_timeline(household)` returning
TimelineEntry objects. welfare_portal composes them into the staff page.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime.datetime | datetime.date
    programme: str  # e.g. "相談支援", "居場所支援": shown as a label
    title: str
    detail: str = ""
    admin_url: str = ""

    @property
    def sort_key(self):
        when = self.when
        if not isinstance(when, datetime.datetime):
            # A day with no time sorts as the start of that day in Tokyo.
            when = datetime.datetime.combine(when, datetime.time.min, tzinfo=timezone.get_current_timezone())
        return when
