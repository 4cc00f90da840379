"""Demo cooperation potential: a handful of opportunities per team. (Being written.)"""

from council.models import Council


def load_opportunities(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
