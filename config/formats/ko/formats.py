# Dates in Korean as official documents write them: "2026년 12월 5일", without leading zeros, in lists
# too (Django's short "2026-12-5" is neither Korean nor ISO). Times in the Korean order, the half of the
# day first: "오전 10:00". Django's own DATETIME_FORMAT puts it last ("10:00 오전"), which no Korean
# writes.
DATE_FORMAT = "Y년 n월 j일"
SHORT_DATE_FORMAT = DATE_FORMAT
TIME_FORMAT = "A g:i"
DATETIME_FORMAT = "Y년 n월 j일 A g:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
