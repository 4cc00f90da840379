"""Demo actions. (Being written.)"""

from council.models import Council


def load_actions(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
