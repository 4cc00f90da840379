"""The mayors' offices read the demo's main pages in their own language.

What the measure counts is in tests/translations/words.py. Before the council's texts had versions,
27.5% of these pages' words were in another script for Beijing's reader and 32.1% for Seoul's; now
4.4% and 5.4%. What remains is not council text awaiting translation: people's names as written in
their own script and romanised, the languages' own names (한국어, 简体中文, English) where a page says
which language a text is in or signed off in, an agreement's parties and signatories (kept as signed),
a demo goal whose translation is missing on purpose (marked so, for the desk), "Re" in letters' subjects
and "Excel" on export buttons.
"""

import pytest
from django.urls import reverse

from assemblies.models import Assembly
from council.models import Person
from teams.models import Plan
from tests.translations.words import foreign_words

# The residue above is at most this share; an untranslated council text on these pages would push past it.
MOST_FOREIGN = 0.08


def main_pages() -> dict[str, str]:
    held = Assembly.objects.filter(status=Assembly.Status.HELD).order_by("-sequence").first()
    plan = Plan.objects.filter(team__code="economy").order_by("-cycle").first()
    return {
        "home": reverse("home"),
        "dashboard": reverse("dashboard"),
        "exchanges": reverse("teams:exchange-list"),
        "plans": reverse("teams:plan-list"),
        "plan": reverse("teams:plan-detail", args=[plan.pk]),
        "assemblies": reverse("assemblies:list"),
        "assembly": reverse("assemblies:detail", args=[held.pk]),
        "correspondence": reverse("secretariat:correspondence-list"),
        "agreements": reverse("secretariat:agreement-list"),
        "opportunities": reverse("teams:opportunity-list"),
    }


@pytest.mark.parametrize(("username", "language"), [("mayor-office-beijing", "zh-hans"), ("mayor-office-seoul", "ko")])
def test_a_mayors_office_reads_the_main_pages_in_its_language(client, demo_user, username, language):
    user = demo_user(username)
    Person.objects.filter(user=user).update(preferred_language=language)  # as chosen in the menu
    client.force_login(user)
    shares = {}
    for name, url in main_pages().items():
        response = client.get(url)
        assert response.status_code == 200, name
        foreign, total, sample = foreign_words(response.content.decode(), language)
        shares[name] = (foreign, total, sample[:12])

    foreign = sum(f for f, _t, _s in shares.values())
    total = sum(t for _f, t, _s in shares.values())
    report = "; ".join(f"{name} {f}/{t} {sample}" for name, (f, t, sample) in shares.items())
    assert total > 1000 and foreign / total <= MOST_FOREIGN, (f"{foreign}/{total} = {foreign / total:.1%}", report)
