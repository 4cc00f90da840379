"""Demo correspondence: the secretariats' letters, e-mails, calls and meetings since the founding in 2013.

Generated deterministically up to now, in both directions, some answered (threads of two or three),
some about an exchange of a team or a general assembly. References follow the council's pattern and
the rule of the application (secretariat.services.correspondence): numbered from 1 in each year of the
sending city, in the order sent, without gaps, and the year's counter is left at the last number so
that the next letter logged through the pages continues the series. Each communication is found again
by (council, reference), so a second run writes nothing.
"""

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from assemblies.models import Assembly
from council.models import City, Council, Person
from demo.structure import CITIES, TEAM_LEADS, upsert
from secretariat.models import Correspondence, ReferenceCounter
from secretariat.services.correspondence import format_reference, sending_year
from teams.models import Exchange, Team
from translations.reading import text_of

C = Correspondence.Channel
SECRETARIAT = {"SEL": "Kim Ji-young", "BJS": "Wang Fang"}
SECRETARIAT_USER = {"SEL": "secretariat-seoul", "BJS": "secretariat-beijing"}
MAYOR = {"SEL": "Oh Se-hoon", "BJS": "Yin Yong"}
TEAM_OF_YEAR = ("economy", "culture", "education")
# Video calls replaced most meetings and phone calls from 2020.
CALLS_FROM = 2020


@dataclass
class Planned:
    sent_at: dt.datetime
    sender: str  # city code
    receiver: str
    channel: str
    subject: str
    summary: str
    people: tuple[str, ...] = ()  # romanised names
    exchange: Exchange | None = None
    assembly: Assembly | None = None
    parent: "Planned | None" = None
    replies: list["Planned"] = field(default_factory=list)

    def reply(self, *, days: int, hour: int, channel: str, summary: str, subject: str | None = None) -> "Planned":
        """The answer, the other way round, with the same team, exchange and assembly."""
        answer = Planned(
            sent_at=_at(timezone.localtime(self.sent_at, _ZONES[self.receiver]).date(), days, hour, self.receiver),
            sender=self.receiver, receiver=self.sender, channel=channel,
            subject=subject or (self.subject if self.subject.startswith("Re: ") else f"Re: {self.subject}"),
            summary=summary, people=self.people, exchange=self.exchange, assembly=self.assembly,
            parent=self,
        )  # fmt: skip
        self.replies.append(answer)
        return answer


_ZONES = {code: zoneinfo.ZoneInfo(zone) for code, _names, _country, zone in CITIES}


def _at(day: dt.date, days_later: int, hour: int, city: str, minute: int = 0) -> dt.datetime:
    """A wall-clock time in the city, as an aware datetime."""
    return dt.datetime.combine(day + dt.timedelta(days=days_later), dt.time(hour, minute), tzinfo=_ZONES[city])


def _other(code: str) -> str:
    return "BJS" if code == "SEL" else "SEL"


def _founding() -> list[Planned]:
    first = Planned(
        _at(dt.date(2013, 5, 14), 0, 10, "SEL"), "SEL", "BJS", C.LETTER,
        "Establishment of the secretariat of the Integration Council",
        "Following the memorandum signed on 21 April 2013, Seoul's International Relations Division informs the "
        "Foreign Affairs Office that it has set up its part of the secretariat and names its contact persons.",
        (SECRETARIAT["SEL"], SECRETARIAT["BJS"]),
    )  # fmt: skip
    first.reply(
        days=9, hour=15, channel=C.LETTER,
        summary="The Foreign Affairs Office confirms its part of the secretariat, its contact persons and a first "
        "coordination meeting in Beijing in June.",
    )  # fmt: skip
    return [first]


def _rng(*key) -> random.Random:
    """A generator of its own for each item, so that a letter added this year changes none of the past."""
    return random.Random("-".join(str(part) for part in key))  # noqa: S311 - demo data, reproducible on purpose


def _greetings(year: int) -> Planned:
    rng = _rng("greetings", year)
    sender = "SEL" if year % 2 == 0 else "BJS"
    return Planned(
        _at(dt.date(year, 1, 2), rng.randint(0, 4), rng.randint(9, 11), sender), sender, _other(sender), C.LETTER,
        f"New Year greetings from the Mayor of {'Seoul' if sender == 'SEL' else 'Beijing'}",
        "The honorary chairman's New Year letter recalls the past year's exchanges and looks ahead to the "
        "council's work in the new year.",
        (MAYOR[sender], MAYOR[_other(sender)]),
    )  # fmt: skip


def _calendar(year: int) -> Planned:
    """The year's exchange calendar, proposed by one side and answered; sometimes settled in a third message."""
    rng = _rng("calendar", year)
    sender = "BJS" if year % 2 == 0 else "SEL"
    proposal = Planned(
        _at(dt.date(year, 2, 10), rng.randint(0, 20), rng.randint(9, 16), sender, rng.choice((0, 15, 30, 45))),
        sender, _other(sender), C.EMAIL, f"Exchange calendar {year}: proposals",
        f"The {'Seoul' if sender == 'SEL' else 'Beijing'} side proposes the teams' exchanges for {year}, with "
        "dates, host city and the departments in charge, and asks for the other side's comments.",
        (SECRETARIAT[sender], SECRETARIAT[_other(sender)]),
    )  # fmt: skip
    if rng.random() < 0.6:
        answer = proposal.reply(
            days=rng.randint(5, 12), hour=rng.randint(10, 17), channel=C.EMAIL,
            summary="Comments on the proposed calendar: two dates moved to avoid public holidays, one exchange "
            "added by the education team.",
        )  # fmt: skip
        if rng.random() < 0.4:
            answer.reply(
                days=rng.randint(2, 6), hour=rng.randint(9, 12), channel=C.EMAIL,
                summary="Calendar agreed as amended; the secretariat will circulate it to all teams.",
            )  # fmt: skip
    return proposal


def _about_exchange(year: int, team: Team, exchange: Exchange) -> Planned:
    rng = _rng("exchange", year)
    host = exchange.host_city.code
    channel = C.VIDEO_CALL if year >= CALLS_FROM else rng.choice((C.MEETING, C.PHONE, C.LETTER))
    proposal = Planned(
        _at(exchange.starts_on, -rng.randint(35, 60), rng.randint(9, 16), host), host, _other(host), channel,
        f"Preparation of the {text_of(exchange, 'title', 'en')}",
        f"The {team.name_en} of the host city sets out the programme, the delegation expected from "
        f"{exchange.visiting_city.name_en if exchange.visiting_city else 'the other city'} and the practical "
        "arrangements.",
        TEAM_LEADS[team.code], exchange,
    )  # fmt: skip
    if rng.random() < 0.6:
        proposal.reply(
            days=rng.randint(3, 10), hour=rng.randint(9, 17), channel=C.EMAIL,
            summary="The visiting side confirms its delegation and sends the list of participants.",
        )  # fmt: skip
    return proposal


def _about_assembly(assembly: Assembly) -> list[Planned]:
    rng = _rng("assembly", assembly.sequence)
    host = assembly.host_city.code
    day = timezone.localtime(assembly.starts_at, _ZONES[host]).date()
    invitation = Planned(
        _at(day, -rng.randint(140, 160), 10, host), host, _other(host), C.LETTER,
        f"Invitation to General Assembly No. {assembly.sequence} in {assembly.host_city.name_en}",
        f"The Mayor of {assembly.host_city.name_en} invites the Mayor and a delegation of the other city to the "
        f"general assembly of {assembly.cycle} ({assembly.venue}).",
        (MAYOR[host], MAYOR[_other(host)], SECRETARIAT[host], SECRETARIAT[_other(host)]), assembly=assembly,
    )  # fmt: skip
    invitation.reply(
        days=rng.randint(8, 15), hour=rng.randint(10, 16), channel=C.LETTER,
        summary="The invitation is accepted; the Mayor will lead a delegation of the three teams.",
    )  # fmt: skip
    planned = [invitation]
    if rng.random() < 0.5:
        planned.append(
            Planned(
                _at(day, rng.randint(12, 20), 11, host),
                host,
                _other(host),
                C.EMAIL,
                f"Minutes and resolutions of General Assembly No. {assembly.sequence}",
                "The host secretariat sends the draft minutes and the resolutions adopted for the other side's "
                "comments.",
                (SECRETARIAT[host], SECRETARIAT[_other(host)]),
                assembly=assembly,
            )  # fmt: skip
        )
    return planned


def _coordination(year: int) -> Planned:
    rng = _rng("coordination", year)
    sender = "SEL" if year % 4 == 0 else "BJS"
    return Planned(
        _at(dt.date(year, 6, 10), rng.randint(0, 14), rng.randint(14, 16), sender), sender, _other(sender),
        C.VIDEO_CALL if year >= CALLS_FROM else C.PHONE, f"Mid-year coordination {year}",
        "The secretariats review the first half of the year's exchanges and the teams' input for the next "
        "general assembly.",
        (SECRETARIAT[sender], SECRETARIAT[_other(sender)]),
    )  # fmt: skip


def _flatten(roots: list[Planned]) -> list[Planned]:
    found, todo = [], list(roots)
    while todo:
        planned = todo.pop()
        found.append(planned)
        todo.extend(planned.replies)
    return found


def _planned(council: Council, now: dt.datetime) -> list[Planned]:
    """Everything sent up to `now`, oldest first."""
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    exchanges: dict[tuple[int, int], list[Exchange]] = {}
    past = (
        Exchange.objects.filter(team__council=council, starts_on__lte=now.date() - dt.timedelta(days=10))
        .exclude(status__in=[Exchange.Status.CANCELLED, Exchange.Status.DRAFT])
        .select_related("host_city", "visiting_city")
        .order_by("starts_on", "pk")
    )
    for exchange in past:
        exchanges.setdefault((exchange.team_id, exchange.starts_on.year), []).append(exchange)
    roots = _founding()
    for year in range(2014, now.year + 1):
        roots += [_greetings(year), _calendar(year)]
        team = teams.get(TEAM_OF_YEAR[year % len(TEAM_OF_YEAR)])
        candidates = exchanges.get((team.pk, year), []) if team else []
        if candidates:
            roots.append(_about_exchange(year, team, candidates[0]))  # the year's first: it stays the first
        if year % 2 == 0:
            roots.append(_coordination(year))
    for assembly in Assembly.objects.filter(council=council, starts_at__isnull=False).select_related("host_city"):
        if assembly.status != Assembly.Status.CANCELLED:
            roots += _about_assembly(assembly)
    return sorted((p for p in _flatten(roots) if p.sent_at <= now), key=lambda p: p.sent_at)


def _numbered(council: Council, cities: dict[str, City]):
    """Each planned communication with its year, number and reference, by the application's rule."""
    numbers: dict[int, int] = {}
    for planned in _planned(council, timezone.now()):
        sender, receiver = cities[planned.sender], cities[planned.receiver]
        year = sending_year(sent_at=planned.sent_at, from_city=sender)
        numbers[year] = numbers.get(year, 0) + 1
        reference = format_reference(
            pattern=council.correspondence_reference_pattern, from_city=sender, to_city=receiver,
            year=year, number=numbers[year],
        )  # fmt: skip
        yield planned, year, numbers[year], reference


def load_correspondence(council: Council) -> None:
    """Idempotent: a second run changes nothing, and never touches what was logged or edited through the pages."""
    cities = {city.code: city for city in City.objects.filter(memberships__council=council)}
    if set(cities) != {"SEL", "BJS"}:
        return  # the demo letters are written for the Seoul–Beijing council only
    people = {person.name_romanised: person for person in Person.objects.filter(council=council)}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=SECRETARIAT_USER.values())}
    existing = {letter.reference: letter for letter in Correspondence.objects.filter(council=council)}
    counters = dict(ReferenceCounter.objects.filter(council=council).values_list("year", "last_number"))
    last_numbers: dict[int, int] = {}
    saved: dict[int, Correspondence] = {}  # by id() of the planned one, for the replies to link to
    for planned, year, number, reference in _numbered(council, cities):
        last_numbers[year] = number
        found = existing.get(reference)
        if found is None and number <= counters.get(year, 0):
            continue  # the number was given since (and the letter perhaps deleted): never give it twice
        if found is not None and found.subject != planned.subject:
            saved[id(planned)] = found  # edited through the pages: the secretariat's now, left as it is
            continue
        saved[id(planned)] = upsert(
            Correspondence,
            council=council,
            reference=reference,
            defaults={
                "year": year, "number": number, "sent_at": planned.sent_at.astimezone(dt.UTC),
                "from_city": cities[planned.sender], "to_city": cities[planned.receiver], "channel": planned.channel,
                "subject": planned.subject, "summary": planned.summary,
                "team": planned.exchange.team if planned.exchange else None, "exchange": planned.exchange,
                "assembly": planned.assembly, "in_reply_to": saved.get(id(planned.parent)),
                "created_by": users.get(SECRETARIAT_USER[planned.sender]),
            },
        )  # fmt: skip
        if found is None:
            saved[id(planned)].people.set([people[name] for name in planned.people if name in people])
    for year, last in last_numbers.items():
        if last > counters.get(year, 0):  # the next letter logged through the pages continues from here
            upsert(ReferenceCounter, council=council, year=year, defaults={"last_number": last})
