"""The general assembly scheduler: what comes next is computed from the council's rules, not typed.

Rules:
- the next assembly's sequence is the last one's + 1; its cycle (the year it is due) is the previous
  assembly's cycle + the council's interval (for the first: the founding year + the interval);
- its host is the city after the previous assembly's host in the council's rotation (round-robin);
- a cancelled assembly uses up neither its cycle nor its host's turn: the next one takes both;
- one assembly per council per cycle (also a database constraint);
- a postponed assembly keeps its host, sequence and cycle;
- the secretariat may change a host, or put a date outside its cycle, only with a written reason;
- no cycle after common.dates.LATEST_YEAR: the dates people may enter end there.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assemblies.models import AchievementsInput, Assembly, ScheduleChange
from assemblies.signals import inputs_changed, schedule_changed
from common.dates import LATEST_YEAR
from common.forms import TEXT_MAX
from council.models import City, Council
from translations.reading import reader_language
from translations.services import save_versions

S = Assembly.Status
# The page that schedules the next assembly names its cycle; another cycle (or none) is a page out of date.
OUT_OF_DATE = gettext_lazy("The next assembly has changed since this page was opened: reload it, then schedule again.")


@dataclass(frozen=True)
class NextAssembly:
    sequence: int
    cycle: int
    host: City

    @property
    def beyond_span(self) -> bool:
        return self.cycle > LATEST_YEAR


def _previous_for_rotation(council: Council) -> Assembly | None:
    """The latest assembly that counts for the rotation: a cancelled one does not."""
    return (
        Assembly.objects.filter(council=council)
        .exclude(status=S.CANCELLED)
        .select_related("host_city")
        .order_by("-sequence")
        .first()
    )


def next_assembly_plan(*, council: Council) -> NextAssembly:
    """Sequence, cycle and host of the next assembly, as the council's rules give them."""
    rotation = council.rotation()
    last_sequence = max(Assembly.objects.filter(council=council).values_list("sequence", flat=True), default=0)
    previous = _previous_for_rotation(council)
    if previous is None:
        return NextAssembly(last_sequence + 1, council.founded_on.year + council.assembly_interval_years, rotation[0])
    position = rotation.index(previous.host_city) if previous.host_city in rotation else -1
    host = rotation[(position + 1) % len(rotation)]
    return NextAssembly(last_sequence + 1, previous.cycle + council.assembly_interval_years, host)


def _existing_in_cycle(council: Council, cycle: int) -> Assembly | None:
    return (
        Assembly.objects.filter(council=council, cycle=cycle)
        .exclude(status=S.CANCELLED)
        .select_related("host_city")
        .first()
    )


def _refuse_second(existing: Assembly) -> None:
    raise ValidationError(
        _(
            "There is already a general assembly for the %(cycle)s cycle: no. %(sequence)s in %(city)s. "
            "A cycle has one assembly."
        )
        % {"cycle": existing.cycle, "sequence": existing.sequence, "city": existing.host_city}
    )


@transaction.atomic
def schedule_next_assembly(*, council: Council, expected_cycle: int | None = None) -> Assembly:
    """Create the next assembly with its computed sequence, cycle and host.

    `expected_cycle` is the cycle the person saw when they clicked: if an assembly for it exists by
    now (a second click, or a colleague at the same moment), the request is refused, not repeated.
    The council row is locked so that two schedulers run one after the other.
    """
    Council.objects.select_for_update().get(pk=council.pk)
    if expected_cycle is not None and (existing := _existing_in_cycle(council, expected_cycle)):
        _refuse_second(existing)
    plan = next_assembly_plan(council=council)
    if expected_cycle is not None and expected_cycle != plan.cycle:
        raise ValidationError(OUT_OF_DATE)
    if plan.beyond_span:
        raise ValidationError(
            _("The next assembly would be due in %(cycle)s; Council Desk schedules nothing after %(year)s.")
            % {"cycle": plan.cycle, "year": LATEST_YEAR}
        )
    if existing := _existing_in_cycle(council, plan.cycle):
        _refuse_second(existing)
    assembly = Assembly(council=council, sequence=plan.sequence, cycle=plan.cycle, host_city=plan.host)
    assembly.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assembly.save()
    except IntegrityError as race:  # the constraint caught what the lock could not (another database session)
        raise ValidationError(_("Another assembly was scheduled at the same moment; reload the page.")) from race
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


def _require_open(assembly: Assembly) -> None:
    if not assembly.is_open:
        raise ValidationError(
            _("A general assembly that is %(status)s can no longer be changed.")
            % {"status": assembly.get_status_display()}
        )


def _require_reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason in writing; it is kept with the assembly.")})
    if len(reason.strip()) > TEXT_MAX:
        raise ValidationError({"reason": _("Keep the reason to %(limit)d characters.") % {"limit": TEXT_MAX}})
    return reason.strip()


def _local(value: dt.datetime | None, city: City) -> str:
    return timezone.localtime(value, city.zone).strftime("%Y-%m-%d %H:%M") if value else "—"


def _record(assembly: Assembly, kind: str, *, before: str, after: str, reason: str, by) -> None:
    # The reason is a new text, written in its writer's language (the interface's), as a new record is.
    ScheduleChange.objects.create(
        assembly=assembly, kind=kind, before=before, after=after, reason=reason, by=by, language=reader_language()
    )


def _in_cycle(assembly: Assembly, starts_at: dt.datetime) -> bool:
    return timezone.localtime(starts_at, assembly.host_city.zone).year == assembly.cycle


@transaction.atomic
def set_schedule(
    *,
    assembly: Assembly,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    venue: str,
    reason: str,
    by,
    versions: dict | None = None,
) -> Assembly:
    """Fix date, time and venue (with its `versions` in other languages, (field, language) → text).
    A date outside the assembly's cycle year needs a written reason."""
    _require_open(assembly)
    outside = starts_at is not None and not _in_cycle(assembly, starts_at)
    if outside:
        reason = _require_reason(reason)
        _record(
            assembly, ScheduleChange.Kind.DATE_OVERRIDE, reason=reason, by=by,
            before=_local(assembly.starts_at, assembly.host_city), after=_local(starts_at, assembly.host_city),
        )  # fmt: skip
    assembly.starts_at, assembly.ends_at, assembly.venue = starts_at, ends_at, venue
    assembly.full_clean()
    assembly.save()
    save_versions(assembly, versions or {}, by)
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


@transaction.atomic
def postpone_assembly(*, assembly: Assembly, new_start: dt.datetime, reason: str, by) -> Assembly:
    """Move an assembly later; its host, sequence and cycle stay (the rotation is by sequence, not by date)."""
    _require_open(assembly)
    reason = _require_reason(reason)
    if assembly.starts_at and new_start <= assembly.starts_at:
        raise ValidationError({"new_start": _("A postponement moves the assembly to a later date.")})
    before = _local(assembly.starts_at, assembly.host_city)
    if assembly.starts_at and assembly.ends_at:
        assembly.ends_at = new_start + (assembly.ends_at - assembly.starts_at)
    assembly.starts_at, assembly.status = new_start, S.POSTPONED
    assembly.full_clean()
    assembly.save()
    after = _local(new_start, assembly.host_city)
    _record(assembly, ScheduleChange.Kind.POSTPONED, before=before, after=after, reason=reason, by=by)
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


@transaction.atomic
def override_host(*, assembly: Assembly, host: City, reason: str, by) -> Assembly:
    """Give the assembly another host than the rotation's; the next one follows from the actual host."""
    _require_open(assembly)
    reason = _require_reason(reason)
    if host not in assembly.council.rotation():
        raise ValidationError({"host": _("The host must be a member city of the council.")})
    if host == assembly.host_city:
        raise ValidationError({"host": _("This city is already the host.")})
    before = str(assembly.host_city)
    assembly.host_city = host
    assembly.save()
    _record(assembly, ScheduleChange.Kind.HOST_OVERRIDE, before=before, after=str(host), reason=reason, by=by)
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


@transaction.atomic
def cancel_assembly(*, assembly: Assembly, reason: str, by) -> Assembly:
    """Cancel an assembly; its cycle and its host's turn stay free for the next one."""
    _require_open(assembly)
    reason = _require_reason(reason)
    before = assembly.get_status_display()
    assembly.status = S.CANCELLED
    assembly.save()
    _record(
        assembly,
        ScheduleChange.Kind.CANCELLED,
        before=before,
        after=assembly.get_status_display(),
        reason=reason,
        by=by,
    )
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


@transaction.atomic
def confirm_assembly(*, assembly: Assembly) -> Assembly:
    """The date and venue are agreed with the host city."""
    _require_open(assembly)
    if assembly.starts_at is None or not assembly.venue:
        raise ValidationError(_("Set the date, time and venue before confirming the assembly."))
    assembly.status = S.CONFIRMED
    assembly.save()
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


@transaction.atomic
def mark_held(*, assembly: Assembly) -> Assembly:
    _require_open(assembly)
    if assembly.starts_at is None or assembly.starts_at > timezone.now():
        raise ValidationError(_("An assembly can be marked as held once it has started."))
    assembly.status = S.HELD
    assembly.save()
    schedule_changed.send(sender=Assembly, instance=assembly)
    return assembly


@transaction.atomic
def save_programme(*, programme, agenda, resolutions, by=None) -> Assembly:
    """Attendees, minutes, agenda and resolutions together, with their texts' versions in other
    languages: all saved, or none."""
    assembly = programme.save()
    save_versions(assembly, programme.version_texts(), by)
    agenda.instance = resolutions.instance = assembly
    for formset in (agenda, resolutions):
        formset.save()
        for form in formset.forms:
            if form.instance.pk and form not in formset.deleted_forms:
                save_versions(form.instance, form.version_texts(), by)
    return assembly


@transaction.atomic
def mark_input_ready(*, assembly: Assembly, team, by) -> AchievementsInput:
    """The team's contribution to the achievements report is ready: its leads are no longer reminded."""
    _require_open(assembly)
    ready, _created = AchievementsInput.objects.get_or_create(assembly=assembly, team=team, defaults={"marked_by": by})
    inputs_changed.send(sender=Assembly, instance=assembly)
    return ready


@transaction.atomic
def reopen_input(*, assembly: Assembly, team) -> None:
    """The team has more to add: its leads are reminded again until it is marked ready."""
    _require_open(assembly)
    AchievementsInput.objects.filter(assembly=assembly, team=team).delete()
    inputs_changed.send(sender=Assembly, instance=assembly)
