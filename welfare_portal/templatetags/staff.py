from django import template

from welfare_portal import dates

register = template.Library()
register.filter("staff_date", dates.staff_date)
register.filter("staff_datetime", dates.staff_datetime)
