"""The council's general assemblies, each with its agenda, resolutions and minutes."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router

from api import schemas
from api.auth import reader
from api.texts import named, text
from assemblies.models import AgendaItem, Assembly, Resolution
from assemblies.permissions import can_read_assemblies
from translations.reading import with_versions

router = Router(tags=["assemblies"])


def _assemblies(council_id: int):
    rows = Assembly.objects.filter(council_id=council_id).select_related("host_city").order_by("-sequence")
    rows = rows.prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("team").order_by("order", "pk")),
        Prefetch("resolutions", queryset=Resolution.objects.select_related("team").order_by("number", "pk")),
    )
    return with_versions(with_versions(rows), "agenda_items", "resolutions")


def assembly(row: Assembly) -> dict:
    return {
        "id": row.pk,
        "url": row.get_absolute_url(),
        "sequence": row.sequence,
        "cycle": row.cycle,
        "status": row.status,
        "status_label": row.get_status_display(),
        "host_city": row.host_city.code if row.host_city else None,
        "venue": text(row, "venue"),
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "agenda": [
            {
                "order": item.order,
                "title": text(item, "title"),
                "team": named(item.team),
                "duration_minutes": item.duration_minutes,
            }
            for item in row.agenda_items.all()
        ],
        "resolutions": [
            {"number": r.number, "text": text(r, "text"), "team": named(r.team)} for r in row.resolutions.all()
        ],
        "minutes": text(row, "minutes"),
    }


@router.get("/assemblies/", response=list[schemas.Assembly], summary="General assemblies, newest first")
def assemblies(request):
    access = reader(request, "assemblies", can_read_assemblies)
    return [assembly(row) for row in _assemblies(access.council_id)]


@router.get("/assemblies/{assembly_id}/", response=schemas.Assembly, summary="One general assembly")
def assembly_detail(request, assembly_id: int):
    access = reader(request, "assemblies", can_read_assemblies)
    return assembly(get_object_or_404(_assemblies(access.council_id), pk=assembly_id))
