"""Demo cooperation potential: five opportunities per team, one in each status, proposed from both cities."""

from council.models import Council, Person
from demo.structure import upsert
from teams.models import Exchange, FocusArea, Opportunity, Team

S = Opportunity.Status

# team code: [(focus area (en), title, description, proposer (romanised), status, reason for dropping)]
OPPORTUNITIES = {
    "economy": [
        (
            "Investments",
            "Joint investment desk for start-ups of both cities",
            "A shared desk at the Seoul Global Startup Center and in Zhongguancun that guides start-ups of "
            "each city through the other's investment and company-registration rules.",
            "Zhang Wei",
            S.IDENTIFIED,
            "",
        ),
        (
            "Logistics",
            "Cold-chain logistics pilot between Incheon and Tianjin ports",
            "Test a shared temperature-tracking standard for fresh food shipped between the two cities' "
            "ports, with customs pre-clearance on both sides.",
            "Lee Min-jun",
            S.UNDER_REVIEW,
            "",
        ),
        (
            "Strategic industries",
            "Biohealth cluster partnership between Magok and Zhongguancun",
            "Link the two cities' life-science parks: shared pilot sites for start-ups and a joint call for "
            "clinical-trial partners.",
            "Jung Da-eun",
            S.APPROVED,
            "",
        ),
        (
            "Service trade",
            "Matchmaking day for service companies of both cities",
            "Pre-arranged meetings between design, logistics-software and fintech firms of Seoul and Beijing "
            "looking for partners in the other city.",
            "Zhang Wei",
            S.BECAME_EXCHANGE,
            "",
        ),
        (
            "Business events",
            "Shared Seoul–Beijing booth at the Canton Fair",
            "A joint booth presenting companies of both cities to buyers from third countries.",
            "Lee Min-jun",
            S.DROPPED,
            "Both cities' exhibitors were already committed to their national pavilions; a joint booth would "
            "duplicate them. To be reconsidered for the next fair.",
        ),
    ],
    "culture": [
        (
            "Cultural heritage",
            "Night-time tours of Gyeongbokgung and the Forbidden City",
            "A twinned programme of evening palace tours, each city promoting the other's in its own tours.",
            "Liu Yang",
            S.IDENTIFIED,
            "",
        ),
        (
            "Film and media",
            "Co-produced documentary on the two capitals' old city walls",
            "A documentary series filmed in both cities by their public broadcasters, with shared rights.",
            "Park Soo-jin",
            S.UNDER_REVIEW,
            "",
        ),
        (
            "Performing arts",
            "Exchange of traditional music ensembles for the Lunar New Year",
            "Seoul's gugak orchestra and a Beijing folk orchestra each perform in the other city's New Year "
            "celebrations.",
            "Liu Yang",
            S.APPROVED,
            "",
        ),
        (
            "Exhibitions and museums",
            "Travelling exhibition of Joseon and Ming ceramics",
            "The cities' history museums lend each other ceramics for a joint exhibition shown in both.",
            "Park Soo-jin",
            S.BECAME_EXCHANGE,
            "",
        ),
        (
            "Tourism",
            "Combined city tourism pass",
            "One pass for museums and public transport in both cities, sold to visitors of either.",
            "Wang Fang",
            S.DROPPED,
            "The transport card operators of the two cities could not agree on a settlement system; to be "
            "revisited once card interoperability exists.",
        ),
    ],
    "education": [
        (
            "Language education",
            "Online language buddies for high-school students",
            "Pairs of Seoul and Beijing high-school students meet online every week to practise each other's language.",
            "Chen Jing",
            S.IDENTIFIED,
            "",
        ),
        (
            "Vocational training",
            "Summer training camp on smart manufacturing",
            "A two-week camp for vocational students of both cities in factories that use robotics.",
            "Choi Hyun-woo",
            S.UNDER_REVIEW,
            "",
        ),
        (
            "Teacher exchange",
            "Teacher secondments on AI in the classroom",
            "Teachers spend a term in a school of the other city to share practice with AI tutoring tools.",
            "Chen Jing",
            S.APPROVED,
            "",
        ),
        (
            "University cooperation",
            "Credit exchange between the cities' municipal universities",
            "Students of the University of Seoul and Beijing Union University take a semester at the other "
            "university with their credits recognised.",
            "Choi Hyun-woo",
            S.BECAME_EXCHANGE,
            "",
        ),
        (
            "Student exchange",
            "Joint university entrance fair",
            "A fair presenting both cities' universities to secondary-school students.",
            "Kim Ji-young",
            S.DROPPED,
            "The two entrance systems differ too much for a joint fair to help students; the universities "
            "preferred separate information sessions.",
        ),
    ],
}


def _exchange_it_became(team: Team, area: FocusArea, title: str) -> Exchange | None:
    """The completed exchange of the area the opportunity became; kept once linked, so a rerun writes nothing."""
    linked = Opportunity.objects.filter(team=team, title=title).exclude(exchange=None).values("exchange")
    kept = Exchange.objects.filter(pk__in=linked, team=team).first()
    if kept is not None:
        return kept
    return (
        Exchange.objects.filter(team=team, focus_area=area, status=Exchange.Status.COMPLETED, opportunity__isnull=True)
        .order_by("-starts_on", "-pk")
        .first()
    )


def load_opportunities(council: Council) -> None:
    """Idempotent: a second run changes nothing. Works with no exchanges at all (the opportunity stays approved)."""
    people = {person.name_romanised: person for person in Person.objects.filter(council=council).select_related("city")}
    for team in Team.objects.filter(council=council, code__in=OPPORTUNITIES):
        areas = {area.name_en: area for area in team.focus_areas.all()}
        for area_name, title, description, proposer_name, status, reason in OPPORTUNITIES[team.code]:
            area, proposer = areas[area_name], people[proposer_name]
            exchange = _exchange_it_became(team, area, title) if status == S.BECAME_EXCHANGE else None
            upsert(
                Opportunity,
                team=team,
                title=title,
                defaults={
                    "focus_area": area,
                    "description": description,
                    "proposed_by": proposer,
                    "proposing_city": proposer.city,
                    "status": S.APPROVED if status == S.BECAME_EXCHANGE and exchange is None else status,
                    "exchange": exchange,
                    "dropped_reason": reason,
                },
            )
