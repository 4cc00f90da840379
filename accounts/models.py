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


class ApiToken(models.Model):
    """A key to the read API (/api/v1/), shown once when made and kept only as its SHA-256.

    A personal token reads with exactly its person's rights. A service token is made by a secretariat
    member for another system: it reads with that member's rights, and only the data chosen (`scopes`);
    it stops when they leave the secretariat, as their own access would.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal")
        SERVICE = "service", _("Service")

    class Scope(models.TextChoices):
        EXCHANGES = "exchanges", _("Exchanges")
        PLANS = "plans", _("Plans and goals")
        ASSEMBLIES = "assemblies", _("Assemblies")
        DASHBOARD = "dashboard", _("Dashboard figures")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        AGREEMENTS = "agreements", _("Agreements")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSONAL)
    name = models.CharField(_("name"), max_length=100, help_text=_("What it is for, or the system that uses it."))
    scopes = models.JSONField(_("data it may read"), default=list, blank=True)
    prefix = models.CharField(_("first characters"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def scope_labels(self) -> list[str]:
        labels = dict(self.Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]

    def may_read(self, scope: str) -> bool:
        return self.kind == self.Kind.PERSONAL or scope in self.scopes
