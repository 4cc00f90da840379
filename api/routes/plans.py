"""Plans of the teams the reader may read, each goal with its progress as the plan's page shows it."""

from ninja import Router

from api import schemas
from api.auth import reader
from api.texts import named, text
from teams.selectors.plans import attach_progress, plans_for_list

router = Router(tags=["plans"])


@router.get("/plans/", response=list[schemas.Plan], summary="Plans and their goals' progress")
def plans(request, cycle: int | None = None):
    access = reader(request, "plans", lambda access: bool(access.kinds))
    found = attach_progress(list(plans_for_list(access=access, cycle=cycle)))
    return [
        {
            "id": plan.pk,
            "team": named(plan.team),
            "cycle": plan.cycle,
            "title": text(plan, "title"),
            "summary": text(plan, "summary"),
            "currency": plan.currency,
            "goals": [
                {
                    "id": goal.pk,
                    "title": text(goal, "title"),
                    "unit": text(goal, "unit"),
                    "metric": goal.metric,
                    "target": goal.target,
                    "achieved": goal.progress.achieved,
                    "percent": goal.progress.percent if goal.progress.achieved is not None else None,
                }
                for goal in plan.goals.all()
            ],
        }
        for plan in found
    ]
