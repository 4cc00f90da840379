"""The demo register: the founding MOU as the news release of 21 April 2013 describes it, and later agreements."""

import datetime as dt

from django.utils import timezone

from secretariat.models import Agreement, Commitment
from teams.models import Exchange
from translations.reading import text_of

MOU = "Memorandum of Understanding on the Establishment of the Seoul–Beijing Integration Council"


def test_the_founding_mou_is_in_force_signed_in_beijing_by_the_mayors_of_2013(db):
    mou = Agreement.objects.get(council__name_en="Seoul–Beijing Integration Council", title=MOU)

    assert (mou.signed_on, mou.signed_place, mou.status) == (dt.date(2013, 4, 21), "Beijing", Agreement.Status.IN_FORCE)
    assert mou.signatories.splitlines() == ["Park Won-soon, Mayor of Seoul", "Wang Anshun, Mayor of Beijing"]
    assert mou.parties.splitlines() == ["Seoul Metropolitan Government", "Beijing Municipal People's Government"]
    assert (text_of(mou, "title", "ko").value, text_of(mou, "title", "zh-hans").value) == (
        "서울-베이징 통합위원회 설립에 관한 양해각서",
        "关于设立首尔—北京综合协调委员会的谅解备忘录",
    )


def test_the_mous_commitments_are_the_council_secretariat_three_teams_assembly_and_plans(db):
    commitments = Commitment.objects.filter(agreement__title=MOU).select_related("owner_team")

    assert [(c.order, c.clause, c.owner_team.code if c.owner_team else None) for c in commitments] == [
        (1, "Art. 1", None),
        (2, "Art. 2", None),
        (3, "Art. 3(1)", "economy"),
        (4, "Art. 3(2)", "culture"),
        (5, "Art. 3(3)", "education"),
        (6, "Art. 4", None),
        (7, "Art. 5", None),
    ]
    texts = [c.text for c in commitments]
    assert "Integration Council" in texts[0]
    assert "International Relations Division" in texts[1] and "Foreign Affairs Office" in texts[1]
    assert "Economic Planning Office" in texts[2] and "Commission of Commerce" in texts[2]
    assert "every two years, alternately in Seoul and Beijing" in texts[5]
    assert "comprehensive plans" in texts[6] and "potential for further cooperation" in texts[6]


def test_team_commitments_link_completed_exchanges_of_their_own_team_only(db):
    for commitment in Commitment.objects.filter(owner_team__isnull=False).select_related("owner_team"):
        linked = list(commitment.exchanges.all())
        assert linked, commitment
        assert {(e.team_id, e.status) for e in linked} == {(commitment.owner_team_id, Exchange.Status.COMPLETED)}
        assert all(e.starts_on >= commitment.agreement.signed_on for e in linked)


def test_three_later_agreements_in_different_states_one_due_for_review(db):
    later = Agreement.objects.exclude(title=MOU).filter(council__name_en="Seoul–Beijing Integration Council")

    today = timezone.localdate()
    assert [(a.signed_on.year, a.status, a.commitments.count()) for a in later.order_by("signed_on")] == [
        (2015, Agreement.Status.UNDER_REVIEW, 3),
        (2018, Agreement.Status.EXPIRED, 2),
        (today.year - 2, Agreement.Status.IN_FORCE, 3),  # signed two years before the demo was loaded
    ]
    education = later.get(signed_on__year=today.year - 2)
    assert today < education.review_on <= today + dt.timedelta(days=90) < education.expires_on
    # Written by the side that drafted it, translated into the two other languages.
    assert [a.language for a in later.order_by("signed_on")] == ["ko", "zh-hans", "ko"]
    assert all(
        text_of(a, "title", lang).state == ("original" if lang == a.language else "translated")
        for a in later
        for lang in ("en", "ko", "zh-hans")
    )
    assert [text_of(a, "title", "en").value.split(" between ")[0] for a in later.order_by("signed_on")] == [
        "Agreement on Economic and Trade Cooperation",
        "Cultural Exchange Agreement",
        "Agreement on Education Cooperation",
    ]
