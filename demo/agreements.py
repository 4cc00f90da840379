"""Demo agreements. (Being written.)"""

from council.models import Council


def load_agreements(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
