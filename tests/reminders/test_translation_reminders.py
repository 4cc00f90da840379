"""Translators are reminded, in their language and hour, of an assembly's texts that await translation."""

import datetime as dt

import pytest
from django.utils import translation

from assemblies.models import AgendaItem, Assembly
from council.models import Role
from reminders.kinds import KINDS
from reminders.models import Delivery
from tests.reminders.conftest import person
from tests.reminders.test_planning import plan, rows, utc
from translations.services import save_version

EMAIL, APP = Delivery.Channel.EMAIL, Delivery.Channel.APP


@pytest.fixture
def korean_assembly(world) -> Assembly:
    """Opens at 10:00 in Seoul on 10 December 2026, fourteen days after the tests' "now"; written in Korean."""
    seoul, beijing = world.council.rotation()
    seoul.language, beijing.language = "ko", "zh-hans"
    seoul.save(), beijing.save()
    person(
        world.council, beijing, "Wang Translator", kind=Role.Kind.TRANSLATOR, account=True, preferred_language="zh-hans"
    )
    assembly = Assembly.objects.create(
        council=world.council, sequence=1, cycle=2026, host_city=seoul, starts_at=utc(2026, 12, 10, 1, 0),
        language="ko", venue="서울시청 다목적홀",
    )  # fmt: skip
    AgendaItem.objects.create(assembly=assembly, order=1, title="경제팀 성과 보고", language="ko")
    return assembly


def at_nine_in_beijing(day: int) -> dt.datetime:
    return utc(2026, 11 if day > 20 else 12, day, 1, 0)


def test_those_who_translate_into_a_language_with_gaps_are_reminded(world, korean_assembly):
    # Beijing's translator (Chinese) is; Seoul's secretariat (Korean, the texts' own language) is not.
    assert plan(world, "translations") == {
        (offset, "Wang Translator", channel, at_nine_in_beijing(day), "due")
        for offset, day in ((-14, 26), (-7, 3), (-2, 8))
        for channel in (EMAIL, APP)
    }


def test_a_secretariat_member_translates_into_their_citys_language(world, korean_assembly):
    world.secretariat.city.language = "en"  # Seoul's secretariat now reads English: the texts await it too
    world.secretariat.city.save()

    assert {(r[0], r[1]) for r in plan(world, "translations") if r[2] == EMAIL} == {
        (offset, name) for offset in (-14, -7, -2) for name in ("Wang Translator", "Kim Secretariat")
    }


def test_once_translated_the_reminders_are_withdrawn_on_commit(
    world, korean_assembly, django_capture_on_commit_callbacks
):
    plan(world, "translations")
    item = korean_assembly.agenda_items.get()

    with django_capture_on_commit_callbacks(execute=True):
        save_version(korean_assembly, "venue", "zh-hans", "首尔市政厅多功能厅", None)
    assert len(rows(world, "translations")) == 6, "the agenda item still awaits translation"
    with django_capture_on_commit_callbacks(execute=True):
        save_version(item, "title", "zh-hans", "经济组成果报告", None)

    assert rows(world, "translations") == set()


def test_the_message_lists_the_texts_in_the_recipients_language(world, korean_assembly):
    save_version(korean_assembly, "venue", "en", "Seoul City Hall, multi-purpose hall", None)

    with translation.override("en"):
        message = KINDS["translations"].message(korean_assembly, 14)

    assert (message.subject, message.lines, message.url) == (
        "General assembly no. 1 (2026): 1 text awaits translation",
        ["General assembly no. 1 (2026) opens on 10 Dec 2026, 10:00, Seoul time.", "– 경제팀 성과 보고"],
        "/translations/?language=en",
    )
