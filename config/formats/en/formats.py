# Dates in English with the month's name, day first: "5 Dec 2026". Django's "12/05/2026" (its short
# format, in every list) is read as 12 May by most of the council's readers, in Korea, China and
# Europe alike. The day and the year never touch, so no reader has to guess which number is which; and
# one style serves the lists and the pages, short and long alike.
# Times on the 24-hour clock, as both cities write them and as the calendar feed gives them beside
# their UTC offsets: "14:30", not Django's "2:30 p.m." (nor its "noon" and "midnight").
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
