"""Reminders about the general assembly: the date ahead, and each team's achievements input."""

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assemblies.models import AchievementsInput, Assembly
from council.models import Role
from reminders.kinds.base import Directory, Message, ReminderKind
from translations.reading import plain


def _when(assembly: Assembly) -> str:
    local = timezone.localtime(assembly.starts_at, assembly.host_city.zone)
    return _("%(datetime)s, %(city)s time") % {
        "datetime": date_format(local, "DATETIME_FORMAT"),
        "city": assembly.host_city.name,
    }


class AssemblyAhead(ReminderKind):
    key = "assembly"
    label = gettext_lazy("General assembly ahead")
    help_text = gettext_lazy("Days before the assembly opens. To the secretariat, team leads and mayors' offices.")
    model = Assembly
    default_days = (180, 90, 30, 7, 1)
    message_reads = ("host_city",)

    def candidates(self, council, today):
        open_statuses = (Assembly.Status.PLANNED, Assembly.Status.CONFIRMED, Assembly.Status.POSTPONED)
        assemblies = Assembly.objects.filter(council=council, status__in=open_statuses, starts_at__isnull=False)
        return assemblies.select_related("host_city")

    def anchor(self, target: Assembly) -> dt.date:
        return timezone.localtime(target.starts_at, target.host_city.zone).date()

    def recipients(self, target, directory: Directory):
        return directory.people(Role.Kind.SECRETARIAT, Role.Kind.TEAM_LEAD, Role.Kind.MAYOR_OFFICE)

    def message(self, target: Assembly, days: int) -> Message:
        subject = ngettext(
            "%(assembly)s in %(city)s: %(days)s day to go",
            "%(assembly)s in %(city)s: %(days)s days to go",
            days,
        ) % {"assembly": target, "city": target.host_city.name, "days": days}
        lines = [_("%(assembly)s opens on %(when)s.") % {"assembly": target, "when": _when(target)}]
        if target.venue:
            lines.append(_("Venue: %(venue)s") % {"venue": plain(target, "venue")})
        return Message(subject, lines, target.get_absolute_url())


class AchievementsInputDue(AssemblyAhead):
    key = "achievements_input"
    label = gettext_lazy("Team achievements input")
    help_text = gettext_lazy(
        "Days before the assembly. To the leads of each team that has not yet marked its input ready."
    )
    default_days = (60, 30, 14)

    def candidates(self, council, today):
        return (
            super()
            .candidates(council, today)
            .prefetch_related(
                Prefetch("inputs_ready", queryset=AchievementsInput.objects.only("assembly_id", "team_id"))
            )
        )

    def recipients(self, target, directory: Directory):
        ready = {item.team_id for item in target.inputs_ready.all()}
        people = {}
        for team_id in directory.leads_by_team.keys() - ready:
            people.update({person.pk: person for person in directory.leads(team_id)})
        return list(people.values())

    def message(self, target: Assembly, days: int) -> Message:
        subject = _("Achievements input for %(assembly)s") % {"assembly": target}
        lines = [
            ngettext(
                "%(assembly)s opens in %(days)s day, on %(when)s.",
                "%(assembly)s opens in %(days)s days, on %(when)s.",
                days,
            )
            % {"assembly": target, "days": days, "when": _when(target)},
            _(
                "Its achievements report is compiled from your team's exchanges, outcomes and goals. "
                "Check that they are complete, then mark your team's input ready on the assembly's page."
            ),
        ]
        return Message(subject, lines, target.get_absolute_url())
