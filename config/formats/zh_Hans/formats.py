# Numbers in Simplified Chinese as the councils' own documents print them: 12,345 (Django's zh_Hans
# has no separator, and would group by four). Everything else comes from Django's zh_Hans formats.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
