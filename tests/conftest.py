import io
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import Template
from django.utils import translation

from teams.models import Team
from tests.factories import TeamFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo council, loaded once: tests read it inside their own rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def own_cache(settings):
    """Each test reads and writes the real cache (Redis in CI) under a key prefix of its own: nothing
    another test kept — for other data, under a token a rolled-back or flushed database met again — can
    answer for this one (common.change_tokens, the kept PDFs)."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


@pytest.fixture
def cache_down(settings):
    """Django's cache on a Redis no one listens at (the discard port): every read and write fails."""
    unreachable = "redis://127.0.0.1:9/0"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": unreachable}}


@pytest.fixture
def pages_rendered(settings):
    """Every page rendered by its view, none served as kept (common.kept_pages): for the tests that
    count what rendering a page costs, or read what the view gave its template."""
    settings.KEPT_PAGES = False


@pytest.fixture(autouse=True)
def in_english():
    """Every test starts in English, whatever language an earlier test's request left active in this
    process (the locale middleware activates the reader's language for the thread and leaves it so)."""
    with translation.override("en"):
        yield


# Django's own Template._render, as imported here: pytest-django wraps it later, when the test environment
# is set up (its session fixture), to record each template rendered.
_render = Template._render


@pytest.fixture
def uninstrumented_templates(monkeypatch):
    """Templates rendered as outside tests, without the test client's record of each one and its context
    (response.context, response.templates): for the walks that make thousands of requests and read only
    the answers. The record copies the context at every template rendered, each option of a list included:
    a tenth of a form page's time, near half on a page of long lists."""
    monkeypatch.setattr(Template, "_render", _render)


@pytest.fixture
def demo_user(db):
    def get(username: str):
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def economy(db) -> Team:
    return Team.objects.get(code="economy", council__name_en="Seoul–Beijing Integration Council")


@pytest.fixture
def oidc_provider_name(settings) -> list[str]:
    """A city's OpenID Connect provider (accounts.oidc), configured: its name, the address's part.
    Starting a sign-in only sends the browser there, so no provider need answer."""
    endpoints = ("authorization", "token", "userinfo", "jwks")
    settings.OIDC_PROVIDERS = {
        "seoul": {
            "city_code": "SEL",
            "issuer": "https://id.seoul.example",
            **{f"{endpoint}_endpoint": f"https://id.seoul.example/{endpoint}" for endpoint in endpoints},
            "client_id": "council-desk",
            "client_secret": "secret",
            "scopes": "openid email profile",
            "employee_id_claim": "employee_id",
            "sign_algo": "RS256",
        }
    }
    return ["seoul"]


@pytest.fixture
def culture(db) -> Team:
    return Team.objects.get(code="culture", council__name_en="Seoul–Beijing Integration Council")


@pytest.fixture
def foreign_team(db) -> Team:
    """A team of another council: no demo user may see it."""
    return TeamFactory()


# Fixtures of each area, in modules of their own so that areas don't edit one shared file.
from tests.fixtures.actions import *  # noqa: E402,F403
from tests.fixtures.agreements import *  # noqa: E402,F403
from tests.fixtures.api import *  # noqa: E402,F403
from tests.fixtures.assemblies import *  # noqa: E402,F403
from tests.fixtures.calendar import *  # noqa: E402,F403
from tests.fixtures.correspondence import *  # noqa: E402,F403
from tests.fixtures.exchanges import *  # noqa: E402,F403
from tests.fixtures.opportunities import *  # noqa: E402,F403
from tests.fixtures.people import *  # noqa: E402,F403
from tests.fixtures.plans import *  # noqa: E402,F403
from tests.fixtures.reminders import *  # noqa: E402,F403
from tests.fixtures.report import *  # noqa: E402,F403
from tests.fixtures.s3 import *  # noqa: E402,F403
from tests.fixtures.transfer import *  # noqa: E402,F403
from tests.fixtures.translations import *  # noqa: E402,F403
