# Numbers in Simplified Chinese as the councils' own documents print them: 12,345 (Django's zh_Hans
# has no separator, and would group by four). Everything else comes from Django's zh_Hans formats
# ("2026年12月5日 10:00", on the 24-hour clock as in China), but the month and day without a leading
# zero: "12月5日", "9月5日" (Django's "09月5日").
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
MONTH_DAY_FORMAT = "n月j日"
