"""The council's structure: cities, the council itself, departments, people, roles, secretariat."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.dates import DAY_VALIDATORS
from common.models import SendableEmailField, TimeStampedModel, TranslatedNameModel
from common.validators import validate_time_zone


class User(AbstractUser):
    """Our own user model from the first migration, so accounts can grow without migrating auth."""


class City(TranslatedNameModel):
    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("Short code, e.g. SEL."))
    # ISO 3166-1 alpha-2: also the key of the city's public holiday calendar.
    country = models.CharField(_("country code"), max_length=2)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    # The council language its people write and read in: its secretariat staff sign texts off in it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    mayor = models.ForeignKey(
        "Person", verbose_name=_("mayor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["code"]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Council(TranslatedNameModel):
    founded_on = models.DateField(_("founded on"), validators=DAY_VALIDATORS)
    founding_agreement = models.TextField(_("founding agreement"), blank=True)
    assembly_interval_years = models.PositiveSmallIntegerField(
        _("assembly interval (years)"), default=2, validators=[MinValueValidator(1)]
    )
    correspondence_reference_pattern = models.CharField(
        _("correspondence reference pattern"),
        max_length=60,
        default="{from}-{to}-{year}-{number:03d}",
        help_text=_("Placeholders: {from} and {to} (city codes), {year}, {number}; e.g. SEL-BJS-2026-014."),
    )
    cities = models.ManyToManyField(City, through="CouncilCity", related_name="councils", verbose_name=_("cities"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def get_absolute_url(self) -> str:
        return reverse("council:overview")

    def rotation(self) -> list[City]:
        """Member cities in the order in which they host the general assembly."""
        return [member.city for member in self.memberships.select_related("city", "city__mayor")]


class CouncilCity(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="memberships")
    rotation_order = models.PositiveSmallIntegerField(_("host rotation order"))

    class Meta:
        verbose_name = _("member city")
        verbose_name_plural = _("member cities")
        ordering = ["council", "rotation_order"]
        constraints = [
            models.UniqueConstraint(fields=["council", "city"], name="council_city_once"),
            models.UniqueConstraint(fields=["council", "rotation_order"], name="council_rotation_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.council} · {self.city}"


class Department(TranslatedNameModel):
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="departments", verbose_name=_("city"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["city", "name_en"]
        constraints = [models.UniqueConstraint(fields=["city", "name_en"], name="department_name_unique_in_city")]


class Person(TimeStampedModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="people", verbose_name=_("council"))
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="people", verbose_name=_("city"))
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("department"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("As written in the person's own language."))
    name_romanised = models.CharField(_("name (romanised)"), max_length=200, blank=True)
    title = models.CharField(pgettext_lazy("a person's job", "title"), max_length=200, blank=True)
    # Reminders go to it: an address mail cannot be sent to is refused here, not found out by a worker.
    email = SendableEmailField(_("e-mail"), blank=True)
    # The city's own id for the person (its staff number): a sign-in through the city's accounts
    # (OpenID Connect, LDAP) links to the person by it, or else by the e-mail above.
    employee_id = models.CharField(
        _("employee id"),
        max_length=64,
        blank=True,
        help_text=_("The person's id in their city's accounts, if it signs them in."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # When a mayor's office last opened its briefing: the next one tells what changed since.
    briefed_at = models.DateTimeField(_("last briefed at"), null=True, blank=True, editable=False)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Leave empty to use the time zone of the person's city."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user account"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_romanised", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "employee_id"], condition=~Q(employee_id=""), name="person_employee_id_unique_in_city"
            )
        ]

    def __str__(self) -> str:
        if self.name_romanised and self.name_romanised != self.name:
            return f"{self.name} ({self.name_romanised})"
        return self.name

    def clean(self) -> None:
        if self.department_id and self.city_id and self.department.city_id != self.city_id:
            raise ValidationError({"department": _("The department must belong to the person's city.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or self.city.time_zone)


class Role(TimeStampedModel):
    """What a person may do in their council. Team roles name their team; council-wide roles don't."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat staff")
        TEAM_LEAD = "team_lead", _("Team lead")
        TEAM_MEMBER = "team_member", _("Team member")
        MAYOR_OFFICE = "mayor_office", _("Mayor's office")
        TRANSLATOR = "translator", _("Translator")

    TEAM_KINDS = (Kind.TEAM_LEAD, Kind.TEAM_MEMBER)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person"))
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="roles", verbose_name=_("team")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "team"], condition=Q(team__isnull=False), name="role_once_per_team"
            ),
            models.UniqueConstraint(fields=["person", "kind"], condition=Q(team__isnull=True), name="role_once"),
            models.CheckConstraint(
                condition=Q(kind__in=["team_lead", "team_member"], team__isnull=False)
                | Q(kind__in=["secretariat", "mayor_office", "translator"], team__isnull=True),
                name="role_team_iff_team_kind",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{self.person} · {label} · {self.team}" if self.team_id else f"{self.person} · {label}"

    def clean(self) -> None:
        if self.kind in self.TEAM_KINDS and not self.team_id:
            raise ValidationError({"team": _("A team role needs a team.")})
        if self.kind not in self.TEAM_KINDS and self.team_id:
            raise ValidationError({"team": _("Only team roles name a team.")})
        if self.team_id and self.person_id and self.team.council_id != self.person.council_id:
            raise ValidationError({"team": _("The team must belong to the person's council.")})


class Secretariat(TimeStampedModel):
    """Handles the council's general affairs; co-run by one department of each member city."""

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="secretariat")
    departments = models.ManyToManyField(Department, related_name="secretariats", verbose_name=_("departments"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("secretariat")
        verbose_name_plural = _("secretariats")

    def __str__(self) -> str:
        return str(_("Secretariat of %(council)s") % {"council": self.council})
