"""What the API answers, as OpenAPI schemas. A council text is a `Text`: the version in the reader's
language (Accept-Language) where a current one exists, else the original with its language and why."""

import datetime as dt
from decimal import Decimal

from ninja import Schema


class Text(Schema):
    text: str
    language: str  # the language `text` is written in
    state: str  # original | translated | missing | outdated | empty


class Named(Schema):
    id: int
    code: str = ""
    name: str


class City(Schema):
    id: int
    code: str
    name: str
    country: str
    time_zone: str
    language: str


class Team(Schema):
    id: int
    code: str
    name: str
    focus_areas: list[Named]


class Council(Schema):
    id: int
    name: str
    founded_on: dt.date
    assembly_interval_years: int
    cities: list[City]
    teams: list[Team]


class Participation(Schema):
    city: str
    participants: int


class Exchange(Schema):
    id: int
    url: str
    title: Text
    description: Text
    outcomes: Text
    team: Named
    focus_area: Named | None
    kind: str
    kind_label: str
    status: str
    status_label: str
    starts_on: dt.date
    ends_on: dt.date | None
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    host_city: str | None
    visiting_city: str | None
    joint_online: bool
    participants: list[Participation]
    participants_reached: int | None
    agreements_signed: int
    investment_amount: Decimal | None
    investment_currency: str
    updated_at: dt.datetime


class ExchangePage(Schema):
    results: list[Exchange]
    next_cursor: str | None


class Goal(Schema):
    id: int
    title: Text
    unit: Text
    metric: str
    target: Decimal
    achieved: Decimal | None
    percent: int | None


class Plan(Schema):
    id: int
    team: Named
    cycle: int
    title: Text
    summary: Text
    currency: str
    goals: list[Goal]


class AgendaItem(Schema):
    order: int
    title: Text
    team: Named | None
    duration_minutes: int | None


class Resolution(Schema):
    number: int
    text: Text
    team: Named | None


class Assembly(Schema):
    id: int
    url: str
    sequence: int
    cycle: int
    status: str
    status_label: str
    host_city: str | None
    venue: Text
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    agenda: list[AgendaItem]
    resolutions: list[Resolution]
    minutes: Text


class Letter(Schema):
    id: int
    url: str
    reference: str
    sent_at: dt.datetime
    from_city: str
    to_city: str
    channel: str
    subject: Text
    summary: Text
    team: Named | None
    in_reply_to: int | None
    withdrawn: bool


class Commitment(Schema):
    clause: str
    text: Text
    owner_team: Named | None


class Agreement(Schema):
    id: int
    url: str
    title: Text
    status: str
    status_label: str
    signed_on: dt.date | None
    review_on: dt.date | None
    expires_on: dt.date | None
    commitments: list[Commitment]


class LetterPage(Schema):
    results: list[Letter]
    next_cursor: str | None


class AgreementPage(Schema):
    results: list[Agreement]
    next_cursor: str | None


class Results(Schema):
    exchanges: int
    agreements: int
    participants: int
    investment: dict[str, Decimal]
    investment_total: Decimal | None
    unconverted_currencies: list[str]


class Period(Schema):
    after: dt.date
    until: dt.date


class YearCounts(Schema):
    year: int
    completed: int
    planned: int


class TeamCounts(Schema):
    team: Named
    completed: int
    planned: int


class AreaCounts(Schema):
    team: Named
    focus_area: Named
    completed: int
    planned: int


class CityReciprocity(Schema):
    city: str
    hosted: int
    sent: int


class Dashboard(Schema):
    as_of: dt.date
    cycle: Period | None
    team: Named | None
    city: str | None
    reporting_currency: str
    this_cycle: Results
    all_time: Results
    by_year: list[YearCounts]
    by_team: list[TeamCounts]
    by_focus_area: list[AreaCounts]
    reciprocity: list[CityReciprocity]
