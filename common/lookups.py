"""One record looked up within what the reader may see: "not found" outside it, never "forbidden"."""

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_in_scope_or_404(scope: QuerySet[M], **lookup) -> M:
    """The record of `scope` that `lookup` names (`pk=` from the address), else 404.

    `scope` is what the reader may see (their council's records, their own notifications), and a queryset,
    never a model, so that no lookup leaves it out: a record outside it is not found, as one that does not
    exist, where a 403 would tell that it does. What the reader may do with a record in scope is the view's
    to check next (a 403). A lookup by None (an id `whole_number` refused) finds nothing, so it is a 404 too.
    """
    try:
        return scope.get(**lookup)
    except scope.model.DoesNotExist as missing:
        raise Http404 from missing
