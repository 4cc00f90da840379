"""Labels a trial found in English or wrong in Korean and Chinese: the sort options of the lists, and an
exchange's title read as a person's job title ("직위")."""

import pytest
from django.urls import reverse
from django.utils import translation

from council.models import Person
from teams.models import Exchange

SORTED_LISTS = ("teams:exchange-list", "secretariat:correspondence-list")


@pytest.mark.parametrize("url_name", SORTED_LISTS)
@pytest.mark.parametrize(("language", "descending"), [("ko", "(내림차순)"), ("zh-hans", "（降序）")])
def test_every_sort_option_is_in_the_readers_language(client, demo_user, url_name, language, descending):
    user = demo_user("secretariat-seoul")
    user.person.preferred_language = language
    user.person.save(update_fields=["preferred_language"])
    client.force_login(user)

    choices = client.get(reverse(url_name)).context["filter"].form.fields["ordering"].choices

    labels = [str(label) for _value, label in choices]
    assert labels and all(not any("a" <= c.lower() <= "z" for c in label) for label in labels), labels
    assert sum(label.endswith(descending) for label in labels) == (len(labels) - 1) // 2


@pytest.mark.parametrize(("language", "document", "job"), [("ko", "제목", "직위"), ("zh-hans", "标题", "职务")])
def test_an_exchange_has_a_title_and_a_person_a_job_title(client, demo_user, language, document, job):
    lead = demo_user("lead-economy-seoul")
    lead.person.preferred_language = language
    lead.person.save(update_fields=["preferred_language"])
    client.force_login(lead)

    form = client.get(reverse("teams:exchange-create")).context["form"]

    assert str(form.fields["title"].label) == document
    with translation.override(language):
        assert str(Exchange._meta.get_field("title").verbose_name) == document
        assert str(Person._meta.get_field("title").verbose_name) == job
