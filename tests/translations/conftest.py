import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english():
    """Messages are asserted in English: a request of an earlier test may have left another language active."""
    with translation.override("en"):
        yield
