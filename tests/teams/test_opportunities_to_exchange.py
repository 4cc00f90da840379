"""An approved opportunity becomes the exchange recorded from its page (teams:exchange-create?opportunity=<id>)."""

from django.urls import reverse

from council.models import City
from teams.models import Exchange, Opportunity

S = Opportunity.Status


def exchange_data(opportunity) -> dict:
    seoul, beijing = City.objects.get(code="SEL"), City.objects.get(code="BJS")
    return {
        "opportunity": opportunity.pk,
        "team": opportunity.team_id,
        "focus_area": opportunity.focus_area_id,
        "kind": "business_event",
        "status": "planned",
        "language": "en",
        "title": opportunity.title,
        "starts_on": "2026-06-09",
        "ends_on": "2026-06-10",
        "host_city": seoul.pk,
        "visiting_city": beijing.pk,
        "agreements_signed": "0",
        f"participants_{seoul.pk}": "40",
        f"participants_{beijing.pk}": "25",
    }


def create_exchange_url(opportunity) -> str:
    return reverse("teams:exchange-create") + f"?opportunity={opportunity.pk}"


def test_the_exchange_created_from_an_approved_opportunity_is_linked_to_it(client, demo_user, economy_opportunity):
    Opportunity.objects.filter(pk=economy_opportunity.pk).update(status=S.APPROVED)
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(create_exchange_url(economy_opportunity), exchange_data(economy_opportunity))

    economy_opportunity.refresh_from_db()
    assert response.status_code == 302
    assert economy_opportunity.status == S.BECAME_EXCHANGE
    assert economy_opportunity.exchange.title == "Rail freight corridor via Dandong"
    assert response.url == economy_opportunity.exchange.get_absolute_url()


def test_an_opportunity_not_yet_approved_leaves_no_exchange_behind(client, demo_user, economy_opportunity):
    client.force_login(demo_user("lead-economy-seoul"))
    count = Exchange.objects.count()

    response = client.post(create_exchange_url(economy_opportunity), exchange_data(economy_opportunity))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Only an approved opportunity can become an exchange; this one is “Identified”."
    ]
    assert Opportunity.objects.get(pk=economy_opportunity.pk).status == S.IDENTIFIED
    assert Exchange.objects.count() == count
