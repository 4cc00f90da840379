"""Demo correspondence. (Being written.)"""

from council.models import Council


def load_correspondence(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
