import datetime as dt
import io
from collections import Counter
from itertools import product

from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone

from assemblies.models import AgendaItem, Assembly, Resolution
from council.models import Council, Role
from dashboards.dashboard import build
from dashboards.selectors import Scope
from demo.exchanges import PROGRAMME_CHANGE
from demo.texts import written
from secretariat.models import ActionItem, Agreement, Correspondence
from teams.models import Exchange, Team
from translations.models import Translatable
from translations.reading import LANGUAGE_CODES, MISSING, OUTDATED, text_of, version_state
from translations.services import sign_offs_of

DEMO_ACCOUNTS = {
    "secretariat-seoul": ("SEL", "secretariat", None),
    "secretariat-beijing": ("BJS", "secretariat", None),
    "lead-economy-seoul": ("SEL", "team_lead", "economy"),
    "lead-economy-beijing": ("BJS", "team_lead", "economy"),
    "lead-culture-seoul": ("SEL", "team_lead", "culture"),
    "lead-culture-beijing": ("BJS", "team_lead", "culture"),
    "lead-education-seoul": ("SEL", "team_lead", "education"),
    "lead-education-beijing": ("BJS", "team_lead", "education"),
    "member-economy-seoul": ("SEL", "team_member", "economy"),
    "mayor-office-seoul": ("SEL", "mayor_office", None),
    "mayor-office-beijing": ("BJS", "mayor_office", None),
}


def council() -> Council:
    return Council.objects.get(name_en="Seoul–Beijing Integration Council")


def test_each_demo_account_has_its_role_city_and_the_demo_password(db):
    for username, (city, kind, team) in DEMO_ACCOUNTS.items():
        user = authenticate(username=username, password="council-demo")
        assert user is not None, username
        roles = [(r.kind, r.team.code if r.team else None) for r in user.person.roles.select_related("team")]
        assert (user.person.city.code, roles) == (city, [(kind, team)]), username
    admin = authenticate(username="admin", password="council-demo")
    assert (admin.is_staff, admin.is_superuser, admin.person.roles.count()) == (True, True, 0)


def test_council_follows_the_founding_agreement(db):
    seoul_beijing = council()
    assert seoul_beijing.founded_on == dt.date(2013, 4, 21)
    assert seoul_beijing.assembly_interval_years == 2
    assert [c.code for c in seoul_beijing.rotation()] == ["SEL", "BJS"]
    assert [(c.code, c.time_zone, c.mayor.name_romanised) for c in seoul_beijing.rotation()] == [
        ("SEL", "Asia/Seoul", "Oh Se-hoon"),
        ("BJS", "Asia/Shanghai", "Yin Yong"),
    ]
    assert sorted(d.name_en for d in seoul_beijing.secretariat.departments.all()) == [
        "Foreign Affairs Office",
        "International Relations Division",
    ]
    economy = Team.objects.get(council=seoul_beijing, code="economy")
    assert [a.name_en for a in economy.focus_areas.all()] == [
        "Investments",
        "Logistics",
        "Service trade",
        "Strategic industries",
        "Corporate cooperation",
        "Business events",
    ]
    assert [(s.city.code, s.department.name_en, s.lead.name_romanised) for s in economy.sides.all()] == [
        ("BJS", "Municipal Commission of Commerce", "Zhang Wei"),
        ("SEL", "Economic Planning Office", "Lee Min-jun"),
    ]


def test_past_assemblies_alternate_hosts_every_two_years_up_to_the_next_one(db):
    assemblies = list(Assembly.objects.filter(council=council()).order_by("sequence"))
    *past, upcoming = assemblies
    assert [(a.sequence, a.cycle, a.host_city.code) for a in assemblies] == [
        (n, 2013 + 2 * n, "SEL" if n % 2 else "BJS") for n in range(1, len(assemblies) + 1)
    ]
    assert len(assemblies) >= 7  # the history up to 2027
    assert {a.status for a in past} == {"held"}
    assert upcoming.status == "planned" and upcoming.ends_at > timezone.now() >= past[-1].ends_at


def test_every_name_is_stored_in_all_three_languages(db):
    for model_name in ("council.City", "council.Council", "council.Department", "teams.Team", "teams.FocusArea"):
        for obj in apps.get_model(model_name).objects.all():
            assert all([obj.name_en, obj.name_ko, obj.name_zh_hans]), obj


def snapshot() -> dict:
    labels = {"council", "teams", "assemblies", "secretariat", "translations"}
    models = [m for m in apps.get_models() if m._meta.app_label in labels]
    return {
        m._meta.label: sorted((o.pk, repr(model_to_dict(o)), getattr(o, "updated_at", None)) for o in m.objects.all())
        for m in models
    }


def test_running_it_again_changes_nothing(db):
    before = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before
    assert Role.objects.count() == 11


def test_the_demo_is_alive_on_the_day_it_was_loaded(db):
    """Whatever that day is (make test-dates moves it): work before it and after it, for every page."""
    today, seoul_beijing = timezone.localdate(), council()
    exchanges = Exchange.objects.filter(team__council=seoul_beijing)
    dashboard = build(Scope(council=seoul_beijing, teams=list(seoul_beijing.teams.all())), today=today)
    items = ActionItem.objects.filter(council=seoul_beijing)

    assert exchanges.filter(starts_on__lt=today, status=Exchange.Status.COMPLETED).exists()
    assert exchanges.filter(starts_on__gt=today, status=Exchange.Status.PLANNED).exists()
    assert dashboard.upcoming and dashboard.latest
    assert dashboard.next_assembly.assembly.ends_at > timezone.now()
    assert dashboard.next_assembly.days_left >= 0
    assert items.filter(status=ActionItem.Status.OPEN, due_on__lt=today).exists()  # overdue
    assert items.filter(status=ActionItem.Status.OPEN, due_on__gte=today).exists()
    assert Agreement.objects.filter(council=seoul_beijing, review_on__range=(today, today + dt.timedelta(90)))
    latest_letter = Correspondence.objects.filter(council=seoul_beijing).latest("sent_at").sent_at
    assert timezone.now() - dt.timedelta(days=366) < latest_letter <= timezone.now()


# The council's texts: each written in its side's language, the other two as versions


def awaiting_translation() -> list[tuple]:
    """Every demo text a reader of some language sees as written: (record, field, language, state)."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, Translatable):
            continue
        for record in model.objects.prefetch_related("versions"):
            for field, language in product(model.translated_fields, LANGUAGE_CODES):
                state, _version = version_state(record, field, language)
                if state in (MISSING, OUTDATED):
                    found.append((record, field, language, state))
    return found


def city_language(city) -> str:
    return {"SEL": "ko", "BJS": "zh-hans"}[city.code]


def test_every_text_has_a_current_version_in_each_other_language_but_the_desks_few(db):
    awaiting = awaiting_translation()

    assert Counter((r._meta.label, field, state) for r, field, _language, state in awaiting) == {
        ("teams.Exchange", "description", OUTDATED): 6,  # 3 edited since, in the 2 other languages
        ("teams.Exchange", "outcomes", MISSING): 4,
        ("assemblies.Resolution", "text", MISSING): 1,
        ("secretariat.Correspondence", "subject", MISSING): 2,
        ("secretariat.Correspondence", "summary", MISSING): 2,
    }
    today = timezone.localdate()
    for record, field, language, _state in awaiting:
        if field == "description":  # the programme of an exchange to come, changed after it was translated
            assert record.starts_on > today and record.description.endswith(written(PROGRAMME_CHANGE, record.language))
        elif field == "outcomes":  # the latest outcomes, not yet in the visitors' language
            assert language == city_language(record.visiting_city)
        elif isinstance(record, Resolution):  # a draft of the next assembly
            assert record.assembly.status == Assembly.Status.PLANNED
            assert language != record.language != "en"
        else:  # the latest letters, unanswered, not yet in the language of the city that received them
            assert not record.replies.exists() and language == city_language(record.to_city)


def test_each_side_writes_in_its_own_language_and_the_founding_mou_in_english(db):
    exchanges = Exchange.objects.select_related("host_city")
    letters = Correspondence.objects.select_related("from_city")
    assemblies = Assembly.objects.select_related("host_city")

    assert all(e.language == city_language(e.host_city) for e in exchanges)
    assert all(letter.language == city_language(letter.from_city) for letter in letters)
    assert all(a.language == city_language(a.host_city) for a in assemblies)
    assert {e.language for e in exchanges} == {"ko", "zh-hans"}
    mou = Agreement.objects.get(signed_on=dt.date(2013, 4, 21))
    assert {mou.language, *mou.commitments.values_list("language", flat=True)} == {"en"}
    assert text_of(mou, "title", "ko").value == "서울-베이징 통합위원회 설립에 관한 양해각서"


def signed(record, field: str) -> dict[str, str]:
    return {language: row.signed_by.username for language, row in sign_offs_of(record, field).items()}


def test_what_the_assemblies_held_adopted_and_the_founding_mou_are_signed_off_by_each_citys_secretariat(db):
    by_city = {"ko": "secretariat-seoul", "zh-hans": "secretariat-beijing"}
    held = Assembly.objects.filter(status=Assembly.Status.HELD)
    upcoming = Assembly.objects.get(status=Assembly.Status.PLANNED)
    mou = Agreement.objects.get(signed_on=dt.date(2013, 4, 21))

    official = [(a, "minutes") for a in held]
    official += [(r, "text") for r in Resolution.objects.filter(assembly__in=held)]
    official += [(item, "title") for item in AgendaItem.objects.filter(assembly__in=held)]
    official += [(mou, "title"), *[(c, "text") for c in mou.commitments.all()]]
    assert len(official) == 10 * held.count() + 8  # minutes, 3 resolutions, 6 agenda items; the MOU, 7 articles
    assert all(signed(record, field) == by_city for record, field in official)
    drafts = [*[(r, "text") for r in upcoming.resolutions.all()], *[(i, "title") for i in upcoming.agenda_items.all()]]
    assert len(drafts) == 8 and all(signed(record, field) == {} for record, field in drafts)
