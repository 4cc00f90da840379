"""The exchange log: the list's filters, in pages that hold their place (a cursor), and one exchange."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from api import schemas
from api.auth import reader
from api.pages import Paging, answer, changed_page
from api.problems import refused
from api.texts import named, text
from teams.filters import exchange_rows, filtered_exchanges
from teams.permissions import can_read_exchanges, visible_exchanges

router = Router(tags=["exchanges"])


def exchange(row) -> dict:
    return {
        "id": row.pk,
        "url": row.get_absolute_url(),
        **{field: text(row, field) for field in ("title", "description", "outcomes")},
        "team": named(row.team),
        "focus_area": named(row.focus_area),
        "kind": row.kind,
        "kind_label": row.get_kind_display(),
        "status": row.status,
        "status_label": row.get_status_display(),
        **{field: getattr(row, field) for field in ("starts_on", "ends_on", "starts_at", "ends_at", "joint_online")},
        "host_city": row.host_city.code if row.host_city else None,
        "visiting_city": row.visiting_city.code if row.visiting_city else None,
        "participants": [{"city": p.city.code, "participants": p.participants} for p in row.participations.all()],
        **{
            field: getattr(row, field)
            for field in (
                "participants_reached",
                "agreements_signed",
                "investment_amount",
                "investment_currency",
                "updated_at",
            )
        },
    }


@router.get("/exchanges/", response=schemas.ExchangePage, summary="Exchanges, oldest change first")
def exchanges(
    request,
    paging: Query[Paging],
    q: str = "",
    team: int | None = None,
    focus_area: int | None = None,
    kind: str = "",
    status: str = "",
    host_city: int | None = None,
    starts_from: dt.date | None = None,
    starts_until: dt.date | None = None,
    cycle: int | None = None,
):
    """The same filters as the exchange list, in the order of change (api.pages)."""
    access = reader(request, "exchanges", can_read_exchanges)
    found = filtered_exchanges(access=access, params=request.GET)
    if not found.is_valid():
        return refused(request, {name: [str(e) for e in errs] for name, errs in found.form.errors.items()})
    page, next_cursor = changed_page(request, exchange_rows(found.qs), paging)
    return answer(page, next_cursor, exchange)


@router.get("/exchanges/{exchange_id}/", response=schemas.Exchange, summary="One exchange")
def exchange_detail(request, exchange_id: int):
    access = reader(request, "exchanges", can_read_exchanges)
    return exchange(get_object_or_404(exchange_rows(visible_exchanges(access)), pk=exchange_id))
