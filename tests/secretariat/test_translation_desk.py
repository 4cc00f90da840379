"""The translation desk: who reaches it, what it lists in which order, the editor, and its cost in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assemblies.models import AgendaItem, Assembly, Resolution
from common import change_tokens
from council.models import Role
from secretariat.models import Agreement
from secretariat.selectors import translations as queue
from teams.models import Exchange
from tests.factories import ExchangeFactory, PersonFactory, RoleFactory
from tests.fixtures.agreements import make_agreement
from tests.i18n import translated
from tests.texts import translate
from translations.reading import text_of

DESK = "/translations/"


def edit_url(record, field: str, language: str) -> str:
    return reverse("translations:edit", args=[queue.label_of(type(record)), record.pk, field, language])


@pytest.fixture
def translator(demo_user):
    """A translator of the demo council, with no other role, who reads Korean."""
    seoul = demo_user("secretariat-seoul").person
    person = PersonFactory(council=seoul.council, city=seoul.city, preferred_language="ko")
    person.user = type(seoul.user).objects.create_user("translator-seoul", password="x")
    person.save()
    RoleFactory(person=person, kind=Role.Kind.TRANSLATOR)
    return person.user


@pytest.fixture
def agreement(demo_user) -> Agreement:
    agreement = make_agreement(demo_user("secretariat-seoul").person.council, title="Agreement on river cleaning")
    agreement.versions.all().delete()
    return agreement


def test_the_desk_is_at_translations_and_its_editor_where_the_tr_tag_links():
    assert reverse("translations:desk") == DESK
    args = ["teams.exchange", 7, "title", "ko"]
    assert reverse("translations:edit", args=args) == "/translations/teams.exchange/7/title/ko/"
    assert reverse("translations:sign-off", args=args) == "/translations/teams.exchange/7/title/sign-off/ko/"


def test_every_translatable_model_takes_part():
    labels = {queue.label_of(model) for model in queue.translatable_models()}
    assert labels == set(queue.COUNCIL_PATHS)


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("secretariat-seoul", 200),
        ("lead-economy-seoul", 403),
        ("member-economy-seoul", 403),
        ("mayor-office-beijing", 403),
        ("admin", 403),
    ],
)
def test_only_the_secretariat_and_translators_reach_the_desk(client, demo_user, username, status):
    client.force_login(demo_user(username))
    assert client.get(DESK).status_code == status


def test_signed_out_the_desk_asks_to_sign_in(client, db):
    response = client.get(DESK)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={DESK}")


def test_a_translator_s_home_is_the_desk_in_their_language(client, translator):
    client.force_login(translator)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["language"] == "ko"
    assert 'href="/translations/"' in response.content.decode()


def test_the_desk_lists_what_the_language_lacks_and_not_what_it_has(client, demo_user, agreement):
    client.force_login(demo_user("secretariat-seoul"))
    key = ("secretariat.agreement", agreement.pk, "title")

    assert (*key, "missing") in all_rows(client, "ko")
    translate(agreement, ko="하천 정화 협정")
    assert not any(row[:3] == key for row in all_rows(client, "ko"))
    agreement.title = "Agreement on river and stream cleaning"
    agreement.save()
    assert (*key, "outdated") in all_rows(client, "ko")


def all_rows(client, language: str) -> set[tuple]:
    """Every text the desk lists in `language` for the signed-in person, over all its pages."""
    council_id = client.get(DESK).context["access"].council_id
    rows = queue.queue(council_id, language, (queue.MISSING, queue.OUTDATED), queue.Urgency.of_council(council_id))
    return {(row["row_label"], row["row_id"], row["row_field"], row["row_state"]) for row in rows}


def test_the_desk_shows_no_text_of_another_council_nor_one_written_in_the_language(client, demo_user, foreign_team):
    foreign = ExchangeFactory(team=foreign_team, title="Foreign exchange")
    seoul = demo_user("secretariat-seoul")
    own = ExchangeFactory(team=seoul.person.council.teams.first(), title="서울 교류", language="ko")
    client.force_login(seoul)

    labels = {(label, pk) for label, pk, *_ in all_rows(client, "ko")}

    assert ("teams.exchange", foreign.pk) not in labels
    assert ("teams.exchange", own.pk) not in labels
    assert ("teams.exchange", own.pk) in {(label, pk) for label, pk, *_ in all_rows(client, "en")}


def test_the_next_assembly_comes_first_then_letters_awaiting_a_reply(client, demo_user, next_assembly):
    AgendaItem.objects.create(assembly=next_assembly, order=99, title="青年交流报告", language="zh-hans")
    client.force_login(demo_user("secretariat-seoul"))

    entries = client.get(DESK, {"language": "ko"}).context["entries"]

    ranks = [entry.rank for entry in entries]
    assert ranks == sorted(ranks)
    assert entries[0].rank == queue.NEXT_ASSEMBLY
    first_labels = {entry.label for entry in entries if entry.rank == queue.NEXT_ASSEMBLY}
    assert first_labels <= {"assemblies.assembly", "assemblies.agendaitem", "assemblies.resolution"}
    assert all(
        getattr(entry.record, "assembly_id", entry.record.pk) == next_assembly.pk
        for entry in entries
        if entry.rank == queue.NEXT_ASSEMBLY
    )
    assert queue.AWAITING_REPLY in ranks


def test_an_odd_language_lists_the_reader_s_own(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))
    response = client.get(DESK, {"language": "xx", "page": "zz"})
    assert response.status_code == 200
    assert response.context["language"] == demo_user("secretariat-seoul").person.preferred_language


@pytest.mark.parametrize("rows", [1, 30])
def test_desk_query_count_is_constant(client, demo_user, rows):
    """Nine queries, and one per kind of record on the page (at most one per translatable model)."""
    seoul = demo_user("secretariat-seoul")
    team = seoul.person.council.teams.first()
    client.force_login(seoul)
    before = client.get(DESK, {"language": "zh-hans"}).context["page"].paginator.count
    for n in range(rows):
        translate(ExchangeFactory(team=team, title=f"Exchange {n}"), ko=f"교류 {n}")
    client.force_login(seoul)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DESK, {"language": "zh-hans"})

    entries = response.context["entries"]
    assert len(entries) == min(25, before + rows)
    assert len(queries) == 9 + len({entry.label for entry in entries})


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_home_counts_per_language_in_a_constant_number_of_queries(client, demo_user, django_assert_num_queries, rows):
    seoul = demo_user("secretariat-seoul")
    team = seoul.person.council.teams.first()
    for n in range(rows):
        ExchangeFactory(team=team, title=f"Exchange {n}")
    client.force_login(seoul)
    urgency = queue.Urgency.of_council(seoul.person.council_id)
    expected = {state: queue.queue(seoul.person.council_id, "ko", (state,), urgency).count() for state in queue.STATES}
    change_tokens.current()  # the records' token exists (its first reader makes it); nothing is kept yet

    with django_assert_num_queries(32):  # with the secretariat's work queues (tests/dashboards/test_home_queues.py)
        response = client.get(reverse("home"))
    with django_assert_num_queries(23):  # then kept until a record changes: the 9 counts
        kept = client.get(reverse("home"))

    counts = {code: count for code, _name, count in response.context["translation_counts"]}
    assert counts["ko"] == expected == dict(kept.context["translation_counts"][1][2])
    assert counts["ko"]["missing"] >= rows  # each exchange's title at least


# The editor ------------------------------------------------------------------------------------------


def test_the_editor_saves_a_version_and_goes_back(client, translator, agreement):
    client.force_login(translator)

    response = client.post(edit_url(agreement, "title", "ko"), {"text": "하천 정화 협정", "next": "/secretariat/"})

    assert (response.status_code, response.url) == (302, "/secretariat/")
    version = agreement.versions.get(field="title", language="ko")
    assert (version.text, version.source_text, version.written_by) == (
        "하천 정화 협정",
        "Agreement on river cleaning",
        translator,
    )
    assert text_of(agreement, "title", "ko").value == "하천 정화 협정"


def test_an_unsafe_next_goes_back_to_the_desk(client, translator, agreement):
    client.force_login(translator)
    response = client.post(edit_url(agreement, "title", "ko"), {"text": "협정", "next": "https://evil.example/"})
    assert response.url == f"{DESK}?language=ko"


def test_the_translator_changes_nothing_but_the_version(client, translator, agreement):
    client.force_login(translator)

    client.post(edit_url(agreement, "title", "ko"), {"text": "협정", "title": "Hacked", "language": "ko"})

    agreement.refresh_from_db()
    assert (agreement.title, agreement.language) == ("Agreement on river cleaning", "en")


def test_an_overlong_version_is_refused_on_the_form_and_nothing_saved(client, translator, agreement):
    client.force_login(translator)
    limit = Agreement._meta.get_field("title").max_length

    response = client.post(edit_url(agreement, "title", "ko"), {"text": "가" * (limit + 1)})

    assert response.status_code == 200
    message = translated("Keep the translation to %(limit)d characters (it has %(length)d).", "ko")
    assert response.context["form"].errors == {"text": [message % {"limit": limit, "length": limit + 1}]}
    assert not agreement.versions.exists()


def test_html_in_a_version_is_shown_escaped(client, translator, agreement):
    translate(agreement, ko="<script>alert(1)</script>")
    client.force_login(translator)

    body = client.get(edit_url(agreement, "title", "ko")).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_outdated_version_shows_what_changed_in_words(client, translator, agreement):
    translate(agreement, ko="하천 정화 협정")
    agreement.title = "Agreement on river and stream cleaning"
    agreement.save()
    client.force_login(translator)

    response = client.get(edit_url(agreement, "title", "ko"))

    assert response.context["state"] == "outdated"
    assert response.context["changes"] == [
        ("kept", "Agreement on river "),
        ("added", "and stream "),
        ("kept", "cleaning"),
    ]
    body = response.content.decode()
    assert f'<ins class="text-success">[{translated("added:", "ko")} and stream ]</ins>' in body
    assert "하천 정화 협정" in body  # the old translation, to carry over


def test_a_removed_word_is_marked_removed():
    assert queue.changes("a big river", "a river") == [("kept", "a "), ("removed", "big "), ("kept", "river")]


@pytest.mark.parametrize(
    "address",
    [
        ["secretariat.nothing", 1, "title", "ko"],
        ["auth.user", 1, "username", "ko"],
        ["secretariat.agreement", 99999999, "title", "ko"],
        ["secretariat.agreement", "AGREEMENT", "parties", "ko"],
        ["secretariat.agreement", "AGREEMENT", "title", "fr"],
        ["secretariat.agreement", "AGREEMENT", "title", "en"],  # the language it is written in
    ],
)
def test_a_bad_address_is_not_found(client, translator, agreement, address):
    client.force_login(translator)
    address = [agreement.pk if part == "AGREEMENT" else part for part in address]
    assert client.get(reverse("translations:edit", args=address)).status_code == 404


def test_a_record_of_another_council_is_not_found(client, translator, foreign_agreement):
    before = list(foreign_agreement.versions.values_list("language", "text"))
    client.force_login(translator)
    assert client.post(edit_url(foreign_agreement, "title", "ko"), {"text": "협정"}).status_code == 404
    assert list(foreign_agreement.versions.values_list("language", "text")) == before


def test_a_team_lead_may_not_translate(client, demo_user, agreement):
    client.force_login(demo_user("lead-economy-seoul"))
    assert client.post(edit_url(agreement, "title", "ko"), {"text": "협정"}).status_code == 403
    assert not agreement.versions.exists()


def test_the_tr_link_of_an_assembly_opens_the_editor(client, translator, next_assembly):
    client.force_login(translator)
    other = "zh-hans" if next_assembly.language == "ko" else "ko"
    assert client.get(edit_url(next_assembly, "venue", other)).status_code == 200
    assert Assembly.objects.filter(pk=next_assembly.pk).exists()


def test_a_text_is_named_by_its_record_and_its_field_unless_the_record_says_it(next_assembly):
    resolution = Resolution(assembly=next_assembly, number=1, text="Adopted.")
    item = AgendaItem(assembly=next_assembly, order=1, title="Opening")
    exchange = Exchange(title="Youth forum", outcomes="Two schools twinned.")

    with translation.override("zh-hans"):
        assert queue.text_label(resolution, "text") == "决议"
        assert queue.text_label(item, "title") == "议程事项"
    with translation.override("en"):
        assert queue.text_label(resolution, "text") == "Resolution"
        assert queue.text_label(item, "title") == "Agenda item"
        assert queue.text_label(exchange, "outcomes") == "Exchange · outcomes"
