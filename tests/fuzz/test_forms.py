"""Every form in the app, for every role that may open it, against generated bad input (hypothesis).

The forms are found by walking the pages (tests/fuzz/discovery.py), not listed here. Each submission
carries the CSRF token of its page and runs in a savepoint rolled back afterwards, so that cases do
not see each other's writes. What each answer must satisfy: tests/fuzz/checks.py.

FUZZ_EXAMPLES: submissions per form (default 20: some 2,500 in all, the same ones every run).
FUZZ_SEED: a number, or "random" (`make fuzz`), for new cases each run; the summary prints the seed.
"""

import os
import random
import time
from copy import deepcopy
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, Phase, given, note, seed, settings

from accounts import signin
from tests.fixtures.transfer import csv_bytes, import_row
from tests.fuzz.checks import check_answer
from tests.fuzz.discovery import TOKEN, Form, discover, seed_pages
from tests.fuzz.report import TALLY
from tests.fuzz.snapshot import signature
from tests.fuzz.strategies import QUERY, submission
from tests.test_url_roles import CASES, url_args
from tests.url_cases.roles import LOGIN, ROLES

pytestmark = pytest.mark.usefixtures("uninstrumented_templates")  # answers only: no response.context

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
SEED = os.environ.get("FUZZ_SEED", "")
if SEED == "random":
    SEED = str(random.randrange(2**32))
TALLY.examples, TALLY.seed = EXAMPLES, SEED or "derandomized"

# Forms that only a record in some state shows, a state the URL × role table's objects are not in:
# (URL name, fixture of the record).
STATE_PAGES = [
    ("teams:exchange-complete", "in_progress_exchange"),
    ("teams:exchange-detail", "cancelled_exchange"),
    ("assemblies:detail", "culture_input_ready"),
]


def import_preview(request):
    """The import's confirmation form is on the preview of a checked file: upload one."""
    upload = SimpleUploadedFile("exchanges.csv", csv_bytes([import_row(1)]), content_type="text/csv")
    return reverse("teams:exchange-import"), {"check": "1", "file": upload}


SEED_POSTS = [import_preview]
# Records that give some pages more forms, made once the role is signed in.
STATE_FIXTURES = ["unread_notifications", "mayor_office_authenticator"]
SIGN_OUT = {"logout", "admin:logout"}  # forms whose success is to sign out
REFUSED = (403, 404, 405, LOGIN)


def fuzz_settings(function):
    configured = settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,  # nothing written into the checkout; a failure prints its example
        derandomize=not SEED,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        print_blob=False,
    )(function)
    return seed(int(SEED))(configured) if SEED else configured


def _page_objects(request) -> None:
    """Every object the URL × role table addresses, so that pages show the forms they have for it."""
    for _name, _method, target, _expected in CASES:
        if target:
            request.getfixturevalue(target)


def _pages(request, role: str) -> list[str]:
    pages = seed_pages(request, role)
    for name, target in STATE_PAGES:
        pages.append(reverse(name, args=url_args(request.getfixturevalue(target))))
    return pages


def fuzz(client: Client, form: Form, *, role: str, foreign_ids: dict, signed_in) -> None:
    client.cookies = deepcopy(signed_in)  # whatever the previous form's last case did (signed out …)
    _keep_session_alive(client, form)
    cookies = deepcopy(client.cookies)  # the session and CSRF cookie the page was opened with
    before = signature()
    flat_ids = sorted({pk for ids in foreign_ids.values() for pk in ids})
    case = {"role": role, "cookies": cookies, "before": before, "foreign_ids": foreign_ids}

    if nul := nul_case(form):
        assert_nul_refused(submit_once(client, form, nul, **case), form)

    @fuzz_settings
    @given(data=submission(form, flat_ids))
    def submit(data):
        note(f"{role}: {form.method.upper()} {form.action}: {_short(data)}")
        submit_once(client, form, data, **case)

    submit()


def submit_once(client: Client, form: Form, data: dict, *, role, cookies, before, foreign_ids):
    """One case, in a savepoint rolled back afterwards, with its answer checked before the rollback."""
    client.cookies = deepcopy(cookies)
    label = form.url_name if form.method == "post" else f"{form.url_name} (GET)"
    with transaction.atomic():
        started = time.monotonic()
        try:
            response = _send(client, form, data)
        except Exception:
            TALLY.record(role, label, "exception", time.monotonic() - started)
            raise
        TALLY.record(role, label, response.status_code, time.monotonic() - started)
        if ROLES[role] and form.url_name not in SIGN_OUT:
            assert not _to_login(response), f"signed out: {response['Location']} (the cases test nothing)"
        check_answer(response, form=form, data=data, before=before, foreign_ids=foreign_ids)
        transaction.set_rollback(True)
    return response


def _send(client: Client, form: Form, data: dict):
    if form.method == "get":
        return client.get(_address(form, data), _body(data))
    return client.post(_address(form, data), {**_body(data), TOKEN: form.token})


def nul_case(form: Form) -> dict | None:
    """A NUL byte in every text field, the rest as the page had it: PostgreSQL stores no NUL in text, so
    every form must refuse it itself (Django's CharField does, in the reader's language)."""
    texts = [name for name, field in form.fields.items() if field.is_text]
    if not texts:
        return None
    data = {name: field.value for name, field in form.fields.items() if field.kind not in ("file", "submit")}
    return {name: value for name, value in data.items() if value is not None} | dict.fromkeys(texts, "a\x00b")


def assert_nul_refused(response, form: Form) -> None:
    if form.method == "post" and response.status_code == 200:
        with translation.override(response.get("Content-Language", "en")):
            message = escape(gettext("Null characters are not allowed."))
        assert message in response.content.decode(), f"the page does not say: {message}"


def _failure(form: Form, error: Exception) -> str:
    notes = [note for note in getattr(error, "__notes__", []) if not note.startswith("while generating")]
    message = str(error).split("\nassert ")[0][:1000]
    return "\n    ".join([str(form), f"{type(error).__name__}: {message}", *notes])


_last_activity = [time.monotonic()]


def _keep_session_alive(client: Client, form: Form) -> None:
    """Every case is rolled back, the session's last activity too: a long run (`make fuzz`) would be signed
    out after SESSION_IDLE_MINUTES. A page opened outside the cases notes the activity."""
    if time.monotonic() - _last_activity[0] > django_settings.SESSION_IDLE_MINUTES * 60 / 3:
        client.get(form.page)
        _last_activity[0] = time.monotonic()


def _address(form: Form, data: dict) -> str:
    query = {name.removeprefix(QUERY): value for name, value in data.items() if name.startswith(QUERY)}
    return f"{form.path}?{urlencode(query)}" if query else form.path


def _body(data: dict) -> dict:
    return {name: value for name, value in data.items() if not name.startswith(QUERY)}


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _short(data: dict) -> dict:
    return {name: (f"{value[:40]!r}…({len(value)})" if isinstance(value, str) and len(value) > 40 else value)
            for name, value in data.items()}  # fmt: skip


def _posted_to(role: str) -> set[str]:
    """The addresses the table says this role may post to (a page or a redirect, not a refusal)."""
    return {name for name, method, _target, expected in CASES if method == "post" and expected[role] not in REFUSED}


def signed_in_client(user) -> Client:
    """A client signed in as the user, with their authenticator's code when they have one (so a device
    made by an earlier walk's fixture asks for no code)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        signin.finish_two_factor(session)
        session.save()
    return client


def walk(request, demo_user, role: str) -> tuple[Client, list[Form]]:
    """The role signed in, and every form its pages show (the walk is noted in TALLY)."""
    client = signed_in_client(demo_user(ROLES[role])) if ROLES[role] else Client(enforce_csrf_checks=True)
    _page_objects(request)
    for name in STATE_FIXTURES:
        request.getfixturevalue(name)
    posts = [make(request) for make in SEED_POSTS]
    started, pages = time.monotonic(), _pages(request, role)
    forms = discover(client, pages, posts=posts, walked=TALLY.walked)
    TALLY.walked["seconds"] += time.monotonic() - started
    posting = [form for form in forms if form.method == "post"]
    assert all(form.token for form in posting), [str(form) for form in posting if not form.token]
    TALLY.discovered[role] = {form.url_name for form in posting}
    return client, forms


@pytest.mark.parametrize("role", ROLES)
def test_every_form_survives_bad_input(request, demo_user, foreign_ids, role):
    TALLY.begin()
    client, forms = walk(request, demo_user, role)

    failures, signed_in = [], deepcopy(client.cookies)
    for form in forms:
        try:
            fuzz(client, form, role=role, foreign_ids=foreign_ids, signed_in=signed_in)
        except Exception as error:  # noqa: BLE001 — every form is fuzzed; all failures are reported together
            failures.append(_failure(form, error))
    TALLY.failures += failures
    TALLY.end()
    assert not failures, "\n\n".join(failures)


def test_the_walk_finds_a_form_for_every_address_a_role_may_post_to(request, demo_user):
    """Every address of the URL × role table that some role may post to has its form found by some role's
    walk: an address whose form no walk reaches (a page in a state no fixture makes) is noticed here.
    The walks of the test above are reused; a role walked in another process (make test runs several) is
    walked here again."""
    for role in set(ROLES) - set(TALLY.discovered):
        walk(request, demo_user, role)
    found = set().union(*TALLY.discovered.values())
    assert set().union(*(_posted_to(role) for role in ROLES)) - found == set()
