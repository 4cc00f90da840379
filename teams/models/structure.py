"""Teams: each co-run by one department of each member city, with focus areas."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.models import TranslatedNameModel


class Team(TranslatedNameModel):
    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="teams", verbose_name=_("council")
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["council", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="team_code_unique_in_council")]

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", args=[self.pk])


class TeamSide(models.Model):
    """A team's co-lead department in one member city, and the head of that department."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="sides", verbose_name=_("team"))
    city = models.ForeignKey("council.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    department = models.ForeignKey(
        "council.Department", on_delete=models.PROTECT, related_name="team_sides", verbose_name=_("department")
    )
    lead = models.ForeignKey(
        "council.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_team_sides",
        verbose_name=_("lead"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-lead department")
        verbose_name_plural = _("co-lead departments")
        ordering = ["team", "city__code"]
        constraints = [models.UniqueConstraint(fields=["team", "city"], name="team_side_once_per_city")]

    def __str__(self) -> str:
        return f"{self.team} · {self.department}"

    def clean(self) -> None:
        if self.department_id and self.city_id and self.department.city_id != self.city_id:
            raise ValidationError({"department": _("The department must belong to this city.")})
        if self.lead_id and self.city_id and self.lead.city_id != self.city_id:
            raise ValidationError({"lead": _("The lead must work in this city.")})


class FocusArea(TranslatedNameModel):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("team"))
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["team", "order", "name_en"]
        constraints = [models.UniqueConstraint(fields=["team", "name_en"], name="focus_area_unique_in_team")]
