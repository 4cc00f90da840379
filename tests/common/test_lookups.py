"""A record looked up within the reader's scope (common.lookups.get_in_scope_or_404): 404 outside it."""

import pytest
from django.http import Http404

from common.lookups import get_in_scope_or_404
from teams.models import Team


def test_a_record_in_scope_is_found(economy):
    assert get_in_scope_or_404(Team.objects.filter(council_id=economy.council_id), pk=economy.pk) == economy


@pytest.mark.parametrize("pk", ["foreign", None, 2**64])
def test_a_record_outside_the_scope_or_none_at_all_is_not_found(economy, foreign_team, pk):
    scope = Team.objects.filter(council_id=economy.council_id)

    with pytest.raises(Http404):
        get_in_scope_or_404(scope, pk=foreign_team.pk if pk == "foreign" else pk)
