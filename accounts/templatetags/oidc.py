"""The login page's buttons for the cities' OpenID Connect providers (accounts.oidc)."""

from django import template
from django.urls import reverse

from accounts.oidc import providers
from council.models import City

register = template.Library()


@register.inclusion_tag("accounts/oidc/sign_in_buttons.html", takes_context=True)
def oidc_sign_in_buttons(context) -> dict:
    """One button per configured provider, with its city's name in the reader's language (one query,
    none without providers). The page's `next` goes along."""
    configured = providers.configured()
    cities = {city.code: city for city in City.objects.filter(code__in=[p.city_code for p in configured])}
    next_url = context.get("next") or ""
    buttons = []
    for provider in configured:
        city = cities.get(provider.city_code)
        url = reverse("oidc_sign_in", kwargs={"name": provider.name})
        buttons.append({"city": city.name if city else provider.city_code, "url": url})
    return {"buttons": buttons, "next": next_url}
