"""The first sign-in through a city's own accounts (OpenID Connect, LDAP) links to a person the
secretariat entered; it never creates a person, and so never gives anyone rights.

A service belongs to one city. Its account links to that city's person whose employee id it carries,
or else whose e-mail it carries and vouches for (a directory's `mail`, a provider's `email` with
`email_verified`). Once linked, the service's id for the account (`subject`) finds the person, whatever
their e-mail becomes. Roles stay in Council Desk.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ExternalAccount
from council.models import Person, User

log = logging.getLogger("accounts.linking")


@dataclass(frozen=True)
class Claims:
    """What a city's sign-in service says of an account."""

    service: str  # the service's name in the settings, e.g. "seoul"
    city_code: str  # the city whose service it is
    subject: str  # the service's own id for the account
    email: str = ""
    email_verified: bool = False
    employee_id: str = ""


class NotLinked(Exception):
    """The account is no person's here: `message` for the person signing in, `reason` for the log."""

    def __init__(self, message, reason: str):
        super().__init__(reason)
        self.message, self.reason = message, reason


NO_PERSON = _(
    "Your city's account is not known to Council Desk. Ask your city's secretariat to enter your employee "
    "id or e-mail address on your person."
)
DISABLED = _("Your Council Desk account is disabled. Ask your city's secretariat.")


def link(claims: Claims) -> User:
    """The user signing in with these claims: linked earlier, or linked now to the person they name."""
    known = ExternalAccount.objects.select_related("user").filter(service=claims.service, subject=claims.subject)
    account = known.first()
    if account is None:
        account = _link_new(claims)
    if not account.user.is_active:
        raise _refused(claims, DISABLED, "user is inactive")
    ExternalAccount.objects.filter(pk=account.pk).update(last_sign_in_at=timezone.now())
    return account.user


def _link_new(claims: Claims) -> ExternalAccount:
    person = _person_for(claims)
    with transaction.atomic():
        if person.user is None:
            person.user = User.objects.create_user(username=_free_username(claims), email=person.email)
            person.save(update_fields=["user", "updated_at"])
        account = ExternalAccount.objects.create(user=person.user, service=claims.service, subject=claims.subject)
    log.info("linked %s account %r to person %s (user %s)", claims.service, claims.subject, person.pk, person.user_id)
    return account


def _person_for(claims: Claims) -> Person:
    people = Person.objects.select_related("user").filter(city__code=claims.city_code)
    if claims.employee_id:
        person = people.filter(employee_id=claims.employee_id).first()
        if person:
            return person
    if claims.email and claims.email_verified:
        matches = list(people.filter(email__iexact=claims.email)[:2])
        if len(matches) == 1:
            return matches[0]
    raise _refused(claims, NO_PERSON, "no person of the city has its employee id or verified e-mail")


def _refused(claims: Claims, message, reason: str) -> NotLinked:
    log.warning(
        "sign-in refused: %s account %r (employee id %r, e-mail %r, verified %s): %s",
        claims.service,
        claims.subject,
        claims.employee_id,
        claims.email,
        claims.email_verified,
        reason,
    )
    return NotLinked(message, reason)


def _free_username(claims: Claims) -> str:
    base = (claims.email.split("@")[0] if claims.email else claims.employee_id or claims.subject)[:100]
    base = f"{claims.service}-{base}"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username
