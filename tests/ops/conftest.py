import io
import json
import logging.config

import pytest
from django.conf import settings as django_settings
from django.utils.log import configure_logging

from config.log_json import in_format


@pytest.fixture
def json_logs(settings):
    """The app's logging as LOG_FORMAT=json configures it (settings.LOGGING in that format), writing to a
    buffer; each call returns the lines so far, parsed. Put back as it was at the end."""
    settings.LOG_REQUESTS = True
    stream = io.StringIO()
    configured = in_format(django_settings.LOGGING, "json")
    configured["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(configured)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)
