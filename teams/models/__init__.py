from teams.models.exchanges import Exchange, ExchangeAttachment, ExchangeParticipation, people_reached_expression
from teams.models.opportunities import Opportunity
from teams.models.plans import ExchangeRate, Goal, GoalUpdate, Plan
from teams.models.reviews import DraftReview
from teams.models.structure import FocusArea, Team, TeamSide

__all__ = [
    "DraftReview",
    "Exchange",
    "ExchangeAttachment",
    "ExchangeParticipation",
    "ExchangeRate",
    "FocusArea",
    "Goal",
    "GoalUpdate",
    "Opportunity",
    "Plan",
    "Team",
    "TeamSide",
    "people_reached_expression",
]
