"""Demo plans with goals: one per team per assembly cycle. (Being written.)"""

from council.models import Council


def load_plans(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
