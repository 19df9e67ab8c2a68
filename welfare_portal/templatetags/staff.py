from django import template

from welfare_portal import dates, statistics

register = template.Library()
register.filter("staff_date", dates.staff_date)
register.filter("staff_datetime", dates.staff_datetime)


@register.filter
def stat_value(value, kind):
    """A figure as it reads in a table: 1,234 / 85.0% / 12.5 hours / — for nothing to show."""
    return statistics.format_value(value, kind)
