"""Demo agreements register: the founding MOU of 21 April 2013 with its commitments, and three later agreements.

Agreements are found again by (council, English title), commitments by (agreement, order), and the
exchanges linked with .set(), so a second run changes nothing. The exchanges exist by now
(demo.exchanges); each commitment is linked to the first few completed exchanges of its owner team
whose English title starts with one of the given words, within the agreement's years.
The clause labels are illustrative: the demo has the news release of the MOU, not its text.
"""

import datetime as dt

from django.utils import timezone

from council.models import Council
from demo.structure import upsert
from demo.texts import add_versions, title_in_english_starts
from secretariat.models import Agreement, Commitment
from teams.models import Exchange, Team

S = Agreement.Status
LINKED_PER_TITLE = 3

# (clause, text, owner team code or None, English title prefixes of the exchanges that carry it out)
MOU_COMMITMENTS = [
    (
        "Art. 1",
        "Establish the Seoul–Beijing Integration Council, the first integration council between two cities, "
        "to pursue practical, mutually beneficial exchanges in economy, culture and education.",
        None,
        (),
    ),
    (
        "Art. 2",
        "Run a secretariat, co-run by Seoul's International Relations Division and Beijing's Foreign Affairs "
        "Office, for the council's general affairs and the regular communication between the cities.",
        None,
        (),
    ),
    (
        "Art. 3(1)",
        "An economy team run by Seoul's Economic Planning Office and the Beijing Municipal Commission of "
        "Commerce: investments, logistics, service trade, strategic industries, corporate cooperation and "
        "business events.",
        "economy",
        ("Seoul–Beijing investment forum", "Investment and trade fair"),
    ),
    (
        "Art. 3(2)",
        "A culture team run by a department of each city: performing arts, exhibitions, tourism, heritage, "
        "film and media.",
        "culture",
        ("Traditional music concert", "Joint museum exhibition"),
    ),
    (
        "Art. 3(3)",
        "An education team run by a department of each city: student and teacher exchange, university "
        "cooperation, language education and vocational training.",
        "education",
        ("High-school student exchange", "Teacher training exchange"),
    ),
    (
        "Art. 4",
        "Hold a general assembly every two years, alternately in Seoul and Beijing, to share achievements "
        "and adjust the directions of future exchanges in each area.",
        None,
        (),
    ),
    (
        "Art. 5",
        "Work out comprehensive plans for the relations between the two cities and identify the potential "
        "for further cooperation in each area.",
        None,
        (),
    ),
]


def _later_agreements(today: dt.date) -> list[dict]:
    """Three later agreements between the cities' departments, in different states."""
    return [
        {
            "titles": (
                "Agreement on Economic and Trade Cooperation between the Seoul Economic Planning Office and "
                "the Beijing Municipal Commission of Commerce",
                "서울시 경제기획관-베이징시 상무위원회 경제·무역 협력 협약",
                "首尔市经济企划官室与北京市商务委员会经贸合作协议",
            ),
            "parties": (
                "Economic Planning Office, Seoul Metropolitan Government",
                "Beijing Municipal Commission of Commerce",
            ),
            "signed_on": dt.date(2015, 10, 20),
            "signed_place": "Seoul City Hall, Seoul (1st general assembly)",
            "signatories": (
                "Director, Economic Planning Office",
                "Director-General, Beijing Municipal Commission of Commerce",
            ),
            "status": S.UNDER_REVIEW,
            "review_on": today - dt.timedelta(days=60),  # under review for two months
            "expires_on": None,
            "commitments": [
                (
                    "Art. 2",
                    "Hold a joint investment forum in either city every year.",
                    "economy",
                    ("Seoul–Beijing investment forum",),
                ),
                (
                    "Art. 3",
                    "Organise matchmaking days for the service companies of both cities.",
                    "economy",
                    ("Service trade matchmaking day",),
                ),
                (
                    "Art. 4",
                    "Exchange logistics expertise and study a joint working group on cold-chain and air cargo.",
                    "economy",
                    ("Logistics hub study visit",),
                ),
            ],
        },
        {
            "titles": (
                "Cultural Exchange Agreement between the Seoul Culture Headquarters and the Beijing Municipal "
                "Bureau of Culture and Tourism",
                "서울시 문화본부-베이징시 문화관광국 문화교류 협약",
                "首尔市文化本部与北京市文化和旅游局文化交流协议",
            ),
            "parties": (
                "Culture Headquarters, Seoul Metropolitan Government",
                "Beijing Municipal Bureau of Culture and Tourism",
            ),
            "signed_on": dt.date(2018, 6, 14),
            "signed_place": "Beijing",
            "signatories": (
                "Director-General, Culture Headquarters",
                "Director, Beijing Municipal Bureau of Culture and Tourism",
            ),
            "status": S.EXPIRED,
            "review_on": None,
            "expires_on": dt.date(2023, 6, 13),
            "commitments": [
                (
                    "Art. 2",
                    "Present each other's traditional music every year.",
                    "culture",
                    ("Traditional music concert",),
                ),
                (
                    "Art. 3",
                    "Mount a joint museum exhibition every two years, with loans from both cities' museums.",
                    "culture",
                    ("Joint museum exhibition",),
                ),
            ],
        },
        {
            "titles": (
                "Agreement on Education Cooperation between the Seoul Lifelong Education Bureau and the Beijing "
                "Municipal Education Commission",
                "서울시 평생교육국-베이징시 교육위원회 교육 협력 협약",
                "首尔市终身教育局与北京市教育委员会教育合作协议",
            ),
            "parties": (
                "Lifelong Education Bureau, Seoul Metropolitan Government",
                "Beijing Municipal Education Commission",
            ),
            "signed_on": dt.date(today.year - 2, 5, 16),
            "signed_place": "Seoul",
            "signatories": (
                "Director-General, Lifelong Education Bureau",
                "Director, Beijing Municipal Education Commission",
            ),
            "status": S.IN_FORCE,
            # Due for review soon whenever the demo is loaded: the list shows how that stands out.
            "review_on": today + dt.timedelta(days=30),
            "expires_on": dt.date(today.year + 3, 5, 15),
            "commitments": [
                (
                    "Art. 2",
                    "Exchange high-school students every year, hosted by families.",
                    "education",
                    ("High-school student exchange",),
                ),
                (
                    "Art. 3",
                    "Run a teacher training exchange on curricula and lesson observation.",
                    "education",
                    ("Teacher training exchange",),
                ),
                (
                    "Art. 4",
                    "Support Korean and Chinese language teaching with shared materials.",
                    "education",
                    ("Language education forum",),
                ),
            ],
        },
    ]


def _titles(triple) -> dict[str, str]:
    return dict(zip(("en", "ko", "zh-hans"), triple, strict=True))


def _exchanges(team: Team | None, prefixes, *, since: dt.date, until: dt.date | None) -> list[Exchange]:
    if team is None or not prefixes:
        return []
    found = []
    for prefix in prefixes:
        exchanges = Exchange.objects.filter(
            title_in_english_starts(Exchange, prefix), team=team, status=Exchange.Status.COMPLETED, starts_on__gte=since
        )
        if until is not None:
            exchanges = exchanges.filter(starts_on__lte=until)
        found += list(exchanges.order_by("starts_on", "pk")[:LINKED_PER_TITLE])
    return found


def _load(council: Council, teams: dict, *, titles, parties, signatories, commitments, **fields) -> Agreement:
    """One agreement and its commitments; parties and signatories are given one per line, as the form asks."""
    fields.update(parties="\n".join(parties), signatories="\n".join(signatories))
    agreement = upsert(Agreement, council=council, title=titles[0], defaults={"language": "en", **fields})
    add_versions([(agreement, "title", _titles(titles))])
    until = fields.get("expires_on")
    for order, (clause, text, team_code, prefixes) in enumerate(commitments, start=1):
        team = teams.get(team_code)
        commitment = upsert(
            Commitment,
            agreement=agreement,
            order=order,
            defaults={"clause": clause, "text": text, "owner_team": team},
        )
        commitment.exchanges.set(_exchanges(team, prefixes, since=fields["signed_on"], until=until))
    return agreement


def load_agreements(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    _load(
        council,
        teams,
        titles=(
            "Memorandum of Understanding on the Establishment of the Seoul–Beijing Integration Council",
            "서울-베이징 통합위원회 설립에 관한 양해각서",
            "关于设立首尔—北京综合协调委员会的谅解备忘录",
        ),
        parties=("Seoul Metropolitan Government", "Beijing Municipal People's Government"),
        signed_on=dt.date(2013, 4, 21),
        signed_place="Beijing",
        # The mayors of 2013, as the news release of the signing names them.
        signatories=("Park Won-soon, Mayor of Seoul", "Wang Anshun, Mayor of Beijing"),
        status=S.IN_FORCE,
        review_on=None,
        expires_on=None,
        commitments=MOU_COMMITMENTS,
    )
    for agreement in _later_agreements(timezone.localdate()):
        _load(council, teams, **agreement)
