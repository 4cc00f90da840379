"""Announcements of the teams app, for parts that must not be imported here (reminders)."""

from django.dispatch import Signal

# Sent with `exchanges` (a list of Exchange) after an import inserted them in bulk, which sends no
# post_save: reminders plan theirs as they do for an exchange saved one by one.
exchanges_imported = Signal()
