"""The report page: in the reader's language, links only where the reader may go, constant queries."""

import re

import pytest
from django.urls import reverse

from teams.models import Exchange, ExchangeParticipation, Team
from tests.factories import ExchangeFactory
from tests.fixtures.report import IN_PERIOD
from tests.i18n import translated
from tests.texts import translate

S = Exchange.Status


def signed_in(client, demo_user, username: str, language: str = "en"):
    user = demo_user(username)
    user.person.preferred_language = language
    user.person.save(update_fields=["preferred_language"])
    client.force_login(user)
    return user


def report_url(assembly) -> str:
    return reverse("assemblies:report", args=[assembly.pk])


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_the_report_reads_in_the_readers_language(client, demo_user, held_assembly, language):
    signed_in(client, demo_user, "mayor-office-beijing", language)
    suffix = language.replace("-", "_")

    response = client.get(report_url(held_assembly))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    for team in Team.objects.filter(council=held_assembly.council):
        assert f'<h2 id="team-{team.pk}-heading">{getattr(team, f"name_{suffix}")}</h2>' in page
        assert f">{team.name_en}<" not in page  # (a plan's title is kept as its author wrote it)
    assert getattr(held_assembly.host_city, f"name_{suffix}") in page
    assert translated("Focus area", language) in page
    assert translated("Agreements signed", language) in page


def test_a_teams_row_adds_up_and_says_what_planned_counts(client, demo_user, held_assembly, report_team):
    for status in (S.COMPLETED, S.COMPLETED, S.COMPLETED, S.PLANNED, S.IN_PROGRESS, S.CANCELLED, S.PROPOSED, S.DRAFT):
        ExchangeFactory(team=report_team, status=status, starts_on=IN_PERIOD)
    signed_in(client, demo_user, "mayor-office-seoul")

    page = client.get(report_url(held_assembly)).content.decode()

    overview = page[page.index('id="overview-heading"') :]
    row = re.search(rf'href="#team-{report_team.pk}">Ports team</a>\s*</th>(.*?)</tr>', overview, re.S).group(1)
    cells = [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r'<td class="num"[^>]*>(.*?)</td>', row, re.S)]
    # completed, planned (planned or in progress), cancelled, share completed of the 6 agreed
    assert cells[:4] == ["3", "2", "1", "50%"]
    headers = re.findall(r'<th scope="col" class="num">(.*?)</th>', overview.split("</thead>")[0])
    assert headers[:4] == ["Completed", "Planned", "Cancelled", "Share completed"]
    note = (
        "Planned: agreed and not yet completed (planned or in progress). Proposals and drafts are not plans yet; "
        "cancelled exchanges are left out."
    )
    assert note in overview.split('id="team-')[0]  # under the overview, and under each team's table
    assert page.count(note) == 1 + Team.objects.filter(council=held_assembly.council).count()


def test_highlight_titles_read_in_the_readers_language(client, demo_user, held_assembly, report_team, report_cities):
    exchange = ExchangeFactory(
        team=report_team, status=Exchange.Status.COMPLETED, starts_on=IN_PERIOD, agreements_signed=1,
        title="Harbour pact", host_city=report_cities["SEL"], visiting_city=report_cities["BJS"],
    )  # fmt: skip
    translate(exchange, ko="항만 협약", zh_hans="港口协议")
    signed_in(client, demo_user, "secretariat-seoul", "ko")

    page = client.get(report_url(held_assembly)).content.decode()

    assert "항만 협약" in page
    assert "Harbour pact" not in page


def test_the_page_shows_the_assembly_and_both_cities_times(client, demo_user, held_assembly):
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(report_url(held_assembly))

    page = response.content.decode()
    report = response.context["report"]
    assert report.assembly == held_assembly
    assert '23 Sep 2025, 10:00 <span class="text-secondary">(Seoul)</span>' in page
    assert '23 Sep 2025, 09:00 <span class="text-secondary">(Beijing)</span>' in page
    assert reverse("assemblies:report-pdf", args=[held_assembly.pk]) in page
    assert "style=" not in page
    assert "<script>" not in page  # only the site's own script file, no inline code
    # the overview and the cities overall; per team its focus areas, its cities and its plan's goals
    assert page.count("<caption>") == 2 + sum(3 if team.plan else 2 for team in report.teams)


def test_a_team_member_gets_links_only_to_their_own_teams_exchanges(client, demo_user, held_assembly, economy, culture):
    signed_in(client, demo_user, "member-economy-seoul")

    response = client.get(report_url(held_assembly))

    page = response.content.decode()
    teams = {t.team.code: t for t in response.context["report"].teams}
    economy_highlight = teams["economy"].highlights[0].exchange
    culture_highlight = teams["culture"].highlights[0].exchange
    assert f'href="{economy_highlight.get_absolute_url()}"' in page
    assert culture_highlight.display_title in page
    assert f'href="{culture_highlight.get_absolute_url()}"' not in page


def test_the_next_assembly_reports_the_work_so_far(client, demo_user, next_assembly):
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(report_url(next_assembly))

    assert response.status_code == 200
    assert response.context["report"].final is False
    assert "has not been held yet" in response.content.decode()


def test_a_cancelled_assembly_says_so_and_has_no_pdf(client, demo_user, cancelled_assembly):
    signed_in(client, demo_user, "secretariat-seoul")

    page = client.get(report_url(cancelled_assembly))
    pdf = client.get(reverse("assemblies:report-pdf", args=[cancelled_assembly.pk]))

    assert page.status_code == 200
    assert page.context["report"] is None
    assert "This assembly was cancelled" in page.content.decode()
    assert pdf.status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_report_page_query_count_is_constant(
    client, demo_user, held_assembly, report_team, report_cities, django_assert_num_queries, rows
):
    for n in range(rows):
        exchange = ExchangeFactory(
            team=report_team, status=Exchange.Status.COMPLETED, starts_on=IN_PERIOD, agreements_signed=n % 3,
            participants_reached=10 * n, investment_amount=1000 + n, investment_currency=("USD", "KRW", "EUR")[n % 3],
            host_city=report_cities["SEL" if n % 2 else "BJS"], visiting_city=report_cities["BJS" if n % 2 else "SEL"],
            outcomes=f"Outcome {n}",
        )  # fmt: skip
        for city in report_cities.values():
            ExchangeParticipation.objects.create(exchange=exchange, city=city, participants=n + 1)
    signed_in(client, demo_user, "mayor-office-beijing")

    # session, user, person, roles; the assembly; cycles; member cities; counts, investment and
    # participation by team and focus area; teams, focus areas; highlights; plans, rates, goals and
    # the goals' progress; the versions of the highlights', plans' and goals' texts; the assembly's official
    # texts: its versions and sign-offs, its agenda items and resolutions with theirs
    with django_assert_num_queries(29):
        response = client.get(report_url(held_assembly))

    ports = next(t for t in response.context["report"].teams if t.team.pk == report_team.pk)
    assert ports.results.completed == rows
    assert len(ports.highlights) == min(rows, 5)


def test_every_figure_of_the_report_is_named_for_a_phone(client, demo_user, held_assembly):
    """On a phone each table's rows are cards (.table-stack): each figure is named by its column's
    heading (data-label), as the table's head is not shown there."""
    signed_in(client, demo_user, "mayor-office-seoul", "zh-hans")

    page = client.get(report_url(held_assembly)).content.decode()

    tables = re.findall(r"<table [^>]*>.*?</table>", page, re.S)
    stacked = [table for table in tables if "table-stack table-stack-flush" in table.split(">", 1)[0]]
    unnamed = [cell for table in tables for cell in re.findall(r"<td(?![^>]*data-label)[^>]*>.+?</td>", table, re.S)]
    assert len(tables) == len(stacked) > 5
    assert unnamed == []
    assert 'data-label="已完成"' in page
