"""Writes of the correspondence log: log a communication with its reference number, edit it, attach files.

The reference (e.g. SEL-BJS-2026-014) is made from the council's pattern with the next number of the
council's year, the year being the one of the sending city on the day it was sent. Numbers are unique
and gap-free per council and year, also when two people save at the same moment: see
`log_correspondence`. Who may call these is the views' business (secretariat.permissions).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.forms import TEXT_MAX
from council.models import City, Person
from secretariat.models import Correspondence, CorrespondenceAttachment, ReferenceCounter
from translations.services import save_versions

# What a person edits. The reference, its year and number are given once and never change; the
# council, the letter answered and who logged it neither.
EDITABLE_FIELDS = [
    "sent_at", "from_city", "to_city", "channel", "language", "subject", "summary", "team", "exchange", "assembly",
    "updated_at",
]  # fmt: skip
# Two first uses of a year's counter at the same moment: one creates it, the other takes it on its retry.
COUNTER_ATTEMPTS = 3
REFERENCE_MAX_LENGTH = Correspondence._meta.get_field("reference").max_length


def sending_year(*, sent_at, from_city: City) -> int:
    """The year on the sending city's calendar: 31 Dec 23:30 in Beijing is still that year, although it
    is already 1 January in Seoul (and the other way round, 1 Jan 00:10 in Seoul is 31 Dec in UTC)."""
    return timezone.localtime(sent_at, from_city.zone).year


def format_reference(*, pattern: str, from_city: City, to_city: City, year: int, number: int) -> str:
    """The council's pattern filled in, e.g. "{from}-{to}-{year}-{number:03d}" → SEL-BJS-2026-014."""
    try:
        reference = pattern.format_map({"from": from_city.code, "to": to_city.code, "year": year, "number": number})
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as error:
        raise ValidationError(
            _("The council's reference pattern “%(pattern)s” cannot be filled in (%(problem)s).")
            % {"pattern": pattern, "problem": error}
        ) from error
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise ValidationError(
            _("The reference “%(reference)s” made from the council's pattern is longer than %(limit)s characters.")
            % {"reference": reference, "limit": REFERENCE_MAX_LENGTH}
        )
    return reference


def _check_same_council(letter: Correspondence, people: Iterable[Person]) -> None:
    """Rules across models the form's choices already follow; checked again for every other caller."""
    member_ids = set(letter.council.memberships.values_list("city_id", flat=True))
    errors: dict[str, Any] = {}
    if letter.from_city_id == letter.to_city_id:
        errors["to_city"] = _("A communication goes from one city to another: choose two different cities.")
    for name in ("from_city", "to_city"):
        if getattr(letter, f"{name}_id") not in member_ids:
            errors.setdefault(name, _("Choose a member city of the council."))
    related = {
        "team": lambda: letter.team.council_id,
        "exchange": lambda: letter.exchange.team.council_id,
        "assembly": lambda: letter.assembly.council_id,
        "in_reply_to": lambda: letter.in_reply_to.council_id,
    }
    for name, council_of in related.items():
        if getattr(letter, f"{name}_id") and council_of() != letter.council_id:
            errors[name] = _("Choose something of this council.")
    if any(person.council_id != letter.council_id for person in people):
        errors["people"] = _("Choose people of this council.")
    if errors:
        raise ValidationError(errors)


def _locked_counter(*, council_id: int, year: int) -> ReferenceCounter:
    """The year's counter row, locked (SELECT … FOR UPDATE) until the caller's transaction ends.

    On a year's first use two savers may both find no row and both insert one: the unique constraint
    lets one through, the other's insert fails (on PostgreSQL after waiting for the first to commit),
    its savepoint rolls back, and the retry finds and locks the row the first one made.
    """
    attempts = 0
    while True:
        try:
            with transaction.atomic():  # a savepoint: a failed insert leaves the outer transaction usable
                counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
                    council_id=council_id, year=year
                )
            return counter
        except IntegrityError:
            attempts += 1
            if attempts == COUNTER_ATTEMPTS:
                raise


def _attach(letter: Correspondence, attachments: Iterable[tuple[Any, str]], by) -> None:
    for upload, content_type in attachments:
        attach_file(correspondence=letter, upload=upload, content_type=content_type, by=by)


@transaction.atomic
def log_correspondence(
    *,
    correspondence: Correspondence,
    by,
    people: Iterable[Person] = (),
    attachments: Iterable[tuple[Any, str]] = (),
    versions: dict | None = None,
) -> Correspondence:
    """Save a new communication with the next reference number of its council and year.

    Gap-free and unique, also when two people save at the same moment: the year's counter row is
    locked until this transaction commits, so a second saver waits and then takes the next number;
    and because the counter's increment and the insert are one transaction, a save that fails for any
    reason rolls both back, and the number is given again to the next letter.
    `attachments`: (upload, content type) pairs already checked by common.uploads.checked_upload;
    `versions`: its texts in other languages, (field, language) → text.
    """
    letter = correspondence
    people = list(people)
    letter.created_by = by
    _check_same_council(letter, people)
    # Everything but the reference first, so that a letter that cannot be saved takes no lock.
    letter.full_clean(exclude=["reference", "year", "number", "created_by"], validate_constraints=False)
    year = sending_year(sent_at=letter.sent_at, from_city=letter.from_city)
    counter = _locked_counter(council_id=letter.council_id, year=year)
    # Incremented by the database, not from the value read: right also where SELECT … FOR UPDATE is a
    # no-op (SQLite serialises writers instead, and the second one's UPDATE runs after the first commits).
    ReferenceCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    counter.refresh_from_db(fields=["last_number"])
    letter.year, letter.number = year, counter.last_number
    letter.reference = format_reference(
        pattern=letter.council.correspondence_reference_pattern,
        from_city=letter.from_city,
        to_city=letter.to_city,
        year=year,
        number=letter.number,
    )
    letter.validate_constraints()  # the reference too: a pattern without {number} or {year} repeats one
    letter.save()
    letter.people.set(people)
    _attach(letter, attachments, by)
    save_versions(letter, versions or {}, by)
    return letter


@transaction.atomic
def update_correspondence(
    *, correspondence: Correspondence, people: Iterable[Person] = (), versions: dict | None = None, by=None
) -> Correspondence:
    """Save edits to a communication. Its reference never changes.

    Not even when the date moves into another year (or the direction changes): the reference was
    given once, may already be quoted in letters of either city, and renumbering would leave a gap in
    the year it came from. The letter keeps its year and number as they were given.
    """
    letter = correspondence
    people = list(people)
    _check_same_council(letter, people)
    letter.full_clean(exclude=["created_by"])  # not edited; empty for letters logged by the system
    letter.save(update_fields=EDITABLE_FIELDS)
    letter.people.set(people)
    save_versions(letter, versions or {}, by)
    return letter


@transaction.atomic
def attach_file(*, correspondence: Correspondence, upload, content_type: str, by) -> CorrespondenceAttachment:
    """Keep a file checked by common.uploads.checked_upload in the file storage under correspondence/<id>/."""
    attachment = CorrespondenceAttachment(
        correspondence=correspondence,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def withdraw_correspondence(
    *, correspondence: Correspondence, reason: str, by, versions: dict | None = None
) -> Correspondence:
    """Mark a communication withdrawn (logged in error, or taken back), with the reason, written in its
    language (`versions` in the others), who and when. It is never deleted: its reference number was
    given, may be quoted, and is not given again, so the year's numbers stay gap-free."""
    letter = Correspondence.objects.select_for_update().get(pk=correspondence.pk)
    if letter.is_withdrawn:
        raise ValidationError(_("This communication is already withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"withdrawn_reason": _("Say why the communication is withdrawn.")})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"withdrawn_reason": _("Keep the reason to %(limit)d characters.") % {"limit": TEXT_MAX}})
    letter.withdrawn_reason, letter.withdrawn_at, letter.withdrawn_by = reason, timezone.now(), by
    letter.save(update_fields=["withdrawn_reason", "withdrawn_at", "withdrawn_by", "updated_at"])
    save_versions(letter, versions or {}, by)
    return letter
