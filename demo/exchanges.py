"""Demo exchange history. (Being written.)"""

from council.models import Council


def load_exchanges(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
