"""Announcements of the assemblies app, for parts that must not be imported here (reminders)."""

from django.dispatch import Signal

# Sent with `instance` (an Assembly) after its date, host or status changed: reminders move their rows.
schedule_changed = Signal()

# Sent with `instance` (an Assembly) after a team marked its achievements input ready or reopened it.
inputs_changed = Signal()
