"""Accounts of the cities' own sign-in services (OpenID Connect, LDAP) linked to people's user accounts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalAccount(models.Model):
    """A person's account at their city's sign-in service, linked on its first sign-in.

    Later sign-ins find the person by the service's own id for the account (`subject`), which never
    changes, rather than by the e-mail or employee id, which may.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_accounts", verbose_name=_("user")
    )
    service = models.CharField(_("sign-in service"), max_length=64)
    subject = models.CharField(_("id at the service"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("account at a city's sign-in service")
        verbose_name_plural = _("accounts at the cities' sign-in services")
        constraints = [models.UniqueConstraint(fields=["service", "subject"], name="external_account_unique")]

    def __str__(self) -> str:
        return f"{self.service}: {self.subject}"
