"""People make and revoke their API tokens on their profile page; the key is shown once; a refused form
changes nothing; only the secretariat makes service tokens."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import digest_of, make_token

pytestmark = pytest.mark.django_db


def test_a_token_is_made_its_key_shown_once_and_kept_only_as_a_digest(client, demo_user):
    user = demo_user("lead-economy-seoul")
    client.force_login(user)

    made = client.post(reverse("api_token_create"), {"token-name": "Statistics office"})
    first, second = client.get(reverse("profile")).content.decode(), client.get(reverse("profile")).content.decode()

    [token] = ApiToken.objects.filter(user=user)
    key = first.split('<code class="user-select-all text-break">')[1].split("</code>")[0]
    assert made.status_code == 302 and (token.name, token.kind, token.scopes) == ("Statistics office", "personal", [])
    assert token.digest == digest_of(key) and key.startswith(token.prefix) and key not in second
    assert "data-new-token" not in second and f'data-token="{token.pk}"' in second


@pytest.mark.parametrize(
    "data",
    [
        {"token-name": ""},
        {"token-name": "x\x00"},
        {"token-name": "Old", "token-expires_on": "2000-01-01"},
        {"token-name": "Odd", "token-expires_on": "tomorrow"},
    ],
)
def test_a_refused_token_form_says_why_and_makes_nothing(client, demo_user, data):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("api_token_create"), data)

    assert response.status_code == 400 and 'class="invalid-feedback' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_only_the_secretariat_makes_service_tokens_which_must_name_their_data(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    client.post(
        reverse("api_token_create"), {"token-name": "Portal", "token-service": "on", "token-scopes": ["agreements"]}
    )
    client.force_login(demo_user("secretariat-seoul"))
    without = client.post(reverse("api_token_create"), {"token-name": "Portal", "token-service": "on"})
    made = client.post(
        reverse("api_token_create"),
        {"token-name": "Portal", "token-service": "on", "token-scopes": ["exchanges", "plans"]},
    )

    assert without.status_code == 400 and "Choose the data a service token may read." in without.content.decode()
    assert made.status_code == 302
    assert list(ApiToken.objects.values_list("user__username", "kind", "scopes")) == [
        ("secretariat-seoul", "service", ["exchanges", "plans"]),
        ("lead-economy-seoul", "personal", []),
    ]


def test_a_token_is_revoked_by_its_owner_only(client, demo_user):
    mine, _key = make_token(user=demo_user("lead-economy-seoul"), name="mine")
    client.force_login(demo_user("member-economy-seoul"))
    refused = client.post(reverse("api_token_revoke", args=[mine.pk]))
    client.force_login(demo_user("lead-economy-seoul"))
    revoked = client.post(reverse("api_token_revoke", args=[mine.pk]))

    mine.refresh_from_db()
    assert (refused.status_code, revoked.status_code) == (404, 302)
    assert timezone.now() - mine.revoked_at < dt.timedelta(minutes=1)


def test_an_account_without_a_council_role_makes_no_token(client, demo_user):
    client.force_login(demo_user("admin"))

    response = client.post(reverse("api_token_create"), {"token-name": "x"})

    assert response.status_code == 403 and not ApiToken.objects.exists()
    assert "api-tokens" not in client.get(reverse("profile")).content.decode()
