"""Announcements of the assemblies app, for parts that must not be imported here (reminders)."""

from django.dispatch import Signal

# Sent with `instance` (an Assembly) after its date, host or status changed: reminders move their rows.
schedule_changed = Signal()
