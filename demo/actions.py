"""Demo action items: open and closed, some overdue, from the last two assemblies' resolutions, from
recent exchanges and, when their loaders have made some, from letters and agreement commitments.

Due dates are relative to today, so the demo always has items overdue, due soon and long done. Each
item is found again by (council, title, owner), so a second run on the same day changes nothing.
"""

import datetime as dt

from django.utils import timezone

from assemblies.models import Assembly, Resolution
from council.models import Council, Person
from demo.structure import upsert
from secretariat.models import ActionItem, Commitment, Correspondence
from teams.models import Exchange, Team

S = ActionItem.Status
DROPPED_REASON = (
    "Superseded by resolution 3 of the last assembly, which extends the exchange to all vocational schools."
)

# (assembly: 0 the last one held, 1 the one before; resolution), title, owner, team code (None: the
# secretariat's), due in days, status
FROM_RESOLUTIONS = [
    ((0, 1), "Draft the business events calendar for the cycle", "Lee Min-jun", "economy", -20, S.OPEN),
    ((0, 1), "Line up partner companies for the investment fair", "Lee Min-jun", "economy", -6, S.IN_PROGRESS),
    ((0, 1), "Agree the joint budget for business events", "Zhang Wei", "economy", 30, S.OPEN),
    ((0, 1), "Report progress on the resolutions to both mayors' offices", "Wang Fang", None, -3, S.OPEN),
    ((0, 2), "Choose the venue of the joint exhibition in Seoul", "Park Soo-jin", "culture", 45, S.IN_PROGRESS),
    ((0, 2), "Propose exhibits from Beijing museums", "Liu Yang", "culture", 60, S.OPEN),
    ((0, 3), "List the vocational schools willing to take part", "Choi Hyun-woo", "education", -40, S.DONE),
    ((0, 3), "Agree the exchange terms with the partner schools", "Chen Jing", "education", 20, S.OPEN),
    ((1, 1), "Hold two extra business events for companies of both cities", "Zhang Wei", "economy", -500, S.DONE),
    ((1, 1), "Publish a directory of investment contacts", "Lee Min-jun", "economy", -450, S.DONE),
    ((1, 2), "Open the joint exhibition of court paintings", "Liu Yang", "culture", -600, S.DONE),
    ((1, 3), "Pilot a vocational school exchange", "Chen Jing", "education", -400, S.DROPPED),
    ((1, 3), "Send the assembly's minutes to every member department", "Kim Ji-young", None, -700, S.DONE),
]
# Per team: (title, owner, due in days, status) for its latest completed exchange.
FROM_EXCHANGES = {
    "economy": ("Send the forum's investment leads to the companies that asked", "Zhang Wei", 10, S.OPEN),
    "culture": ("Collect the visitor figures of the last event", "Park Soo-jin", -2, S.IN_PROGRESS),
    "education": ("Write to the host school with the participants' feedback", "Choi Hyun-woo", -15, S.DONE),
}
# The latest letters first: (title, owner, due in days, status)
FROM_LETTERS = [
    ("Prepare the reply to the latest letter", "Wang Fang", 5, S.OPEN),
    ("Circulate the previous letter to the teams concerned", "Kim Ji-young", -12, S.DONE),
]
# The first commitments of the oldest agreement: (title, owner, due in days, status)
FROM_COMMITMENTS = [
    ("Prepare the yearly report on the agreement's commitments", "Kim Ji-young", 25, S.OPEN),
    ("Check each team has named its contact for the agreement", "Wang Fang", -8, S.IN_PROGRESS),
    ("Review the commitment with the team before the next assembly", "Zhang Wei", 90, S.OPEN),
]


def load_actions(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
    today = timezone.localdate()
    people = {p.name_romanised: p for p in Person.objects.filter(council=council)}
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    author = people["Kim Ji-young"].user

    def item(title, owner, team, due_in, status, **source):
        upsert(
            ActionItem,
            council=council,
            title=title,
            owner=people[owner],
            defaults={
                "team": team,
                "due_on": today + dt.timedelta(days=due_in),
                "status": status,
                "dropped_reason": DROPPED_REASON if status == S.DROPPED else "",
                "created_by": author,
                **{kind: source.get(kind) for kind in ActionItem.SOURCES},
            },
        )

    held = list(Assembly.objects.filter(council=council, status=Assembly.Status.HELD).order_by("-sequence")[:2])
    resolutions = {
        (held.index(r.assembly), r.number): r
        for r in Resolution.objects.filter(assembly__in=held).select_related("assembly")
    }
    for key, title, owner, team_code, due_in, status in FROM_RESOLUTIONS:
        if key in resolutions:
            item(title, owner, teams.get(team_code), due_in, status, resolution=resolutions[key])
    for team_code, (title, owner, due_in, status) in FROM_EXCHANGES.items():
        exchange = _latest_completed(teams[team_code], today)
        if exchange is not None:
            item(title, owner, teams[team_code], due_in, status, exchange=exchange)
    letters = Correspondence.objects.filter(council=council).order_by("-sent_at", "-pk")
    for (title, owner, due_in, status), letter in zip(FROM_LETTERS, letters[: len(FROM_LETTERS)], strict=False):
        item(title, owner, letter.team, due_in, status, correspondence=letter)
    commitments = Commitment.objects.filter(agreement__council=council).order_by(
        "agreement__signed_on", "agreement_id", "order", "pk"
    )
    for (title, owner, due_in, status), commitment in zip(
        FROM_COMMITMENTS, commitments[: len(FROM_COMMITMENTS)], strict=False
    ):
        item(title, owner, commitment.owner_team, due_in, status, commitment=commitment)


def _latest_completed(team: Team, today: dt.date) -> Exchange | None:
    return (
        Exchange.objects.filter(team=team, status=Exchange.Status.COMPLETED, starts_on__lte=today)
        .order_by("-starts_on", "-pk")
        .first()
    )
