"""Who may see and change a council's reminders: its secretariat (the council's reminders are theirs to run).

Notifications need no predicate: a person reads only their own, which the views look up by recipient.
"""

from council.models import Council
from council.permissions import Access


def can_manage_reminders(access: Access, council: Council | None) -> bool:
    return council is not None and access.is_secretariat and access.council_id == council.pk
