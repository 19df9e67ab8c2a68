# One date style on staff pages: 2026年12月4日(金), always with the year and the weekday
# (the admin's lists and forms show dates through these). Files use ISO dates.
DATE_FORMAT = "Y年n月j日(D)"
DATETIME_FORMAT = "Y年n月j日(D) G:i"
TIME_FORMAT = "G:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "Y年n月j日 G:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
