"""Correspondence and agreements, for those who may read them; every read is logged (who, what)."""

import logging

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from api import schemas
from api.auth import reader
from api.pages import Paging, answer, changed_page
from api.texts import named, text
from secretariat.models import Commitment
from secretariat.permissions import (
    can_read_agreements,
    can_read_correspondence,
    visible_agreements,
    visible_correspondence,
)
from translations.reading import with_versions

router = Router(tags=["secretariat"])
log = logging.getLogger("council_desk.api")


def _logged(request, what: str, rows: list) -> None:
    token = request.auth
    ids = ",".join(str(row.pk) for row in rows) or "-"
    log.info("api read %s token=%s user=%s ids=%s", what, token.pk, token.user.get_username(), ids)


def _logged_page(request, what: str, rows, paging: Paging, serialize) -> dict:
    page, next_cursor = changed_page(request, rows, paging)
    _logged(request, what, page)
    return answer(page, next_cursor, serialize)


def letter(row) -> dict:
    return {
        "id": row.pk,
        "url": row.get_absolute_url(),
        "reference": row.reference,
        "sent_at": row.sent_at,
        "from_city": row.from_city.code,
        "to_city": row.to_city.code,
        "channel": row.channel,
        "subject": text(row, "subject"),
        "summary": text(row, "summary"),
        "team": named(row.team),
        "in_reply_to": row.in_reply_to_id,
        "withdrawn": row.withdrawn_at is not None,
    }


def _letters(access):
    return with_versions(visible_correspondence(access).select_related("from_city", "to_city", "team"))


@router.get("/correspondence/", response=schemas.LetterPage, summary="Correspondence, oldest change first")
def correspondence(request, paging: Query[Paging]):
    access = reader(request, "correspondence", can_read_correspondence)
    return _logged_page(request, "correspondence", _letters(access), paging, letter)


@router.get("/correspondence/{letter_id}/", response=schemas.Letter, summary="One communication")
def correspondence_detail(request, letter_id: int):
    access = reader(request, "correspondence", can_read_correspondence)
    row = get_object_or_404(_letters(access), pk=letter_id)
    _logged(request, "correspondence", [row])
    return letter(row)


def agreement(row) -> dict:
    return {
        "id": row.pk,
        "url": row.get_absolute_url(),
        "title": text(row, "title"),
        "status": row.status,
        "status_label": row.get_status_display(),
        **{field: getattr(row, field) for field in ("signed_on", "review_on", "expires_on")},
        "commitments": [
            {"clause": c.clause, "text": text(c, "text"), "owner_team": named(c.owner_team)}
            for c in row.commitments.all()
        ],
    }


def _agreements(access):
    commitments = with_versions(Commitment.objects.select_related("owner_team").order_by("order", "pk"))
    rows = visible_agreements(access).prefetch_related(Prefetch("commitments", queryset=commitments))
    return with_versions(rows)


@router.get("/agreements/", response=schemas.AgreementPage, summary="Agreements, oldest change first")
def agreements(request, paging: Query[Paging]):
    access = reader(request, "agreements", can_read_agreements)
    return _logged_page(request, "agreements", _agreements(access), paging, agreement)


@router.get("/agreements/{agreement_id}/", response=schemas.Agreement, summary="One agreement")
def agreement_detail(request, agreement_id: int):
    access = reader(request, "agreements", can_read_agreements)
    row = get_object_or_404(_agreements(access), pk=agreement_id)
    _logged(request, "agreements", [row])
    return agreement(row)
