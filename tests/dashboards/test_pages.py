"""The dashboard page and its PDF: who reads them, the filters in the query string, bad filters, the PDF.

The figures themselves are checked against independent counts of the demo council's exchanges here
and, in Chromium, in tests/browser/test_dashboard.py.
"""

import datetime as dt
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from assemblies.cycles import cycle_periods, next_assembly
from common import change_tokens
from council.models import City
from teams.models import Exchange
from tests.assemblies.test_report_pdf import streams
from tests.factories import ExchangeFactory
from tests.texts import warm_content_types

READERS = ["secretariat-seoul", "lead-economy-seoul", "mayor-office-beijing"]
S = Exchange.Status
PLANNED = (S.PLANNED, S.IN_PROGRESS)  # agreed, not yet completed
YEAR_ROW = re.compile(
    r'<tr data-year="(\d+)">.*?<td class="num" data-completed>([\d,]+)</td>\s*'
    r'<td class="num" data-planned>([\d,]+)</td>',
    re.S,
)
POST_FORM = re.compile(
    r'<form[^>]*method="post"[^>]*action="([^"]*)"|<form[^>]*action="([^"]*)"[^>]*method="post"', re.S
)


def signed_in(client, demo_user, username: str):
    client.force_login(demo_user(username))


def main_part(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def running_period(council):
    """The cycle the dashboard shows by default: up to the next assembly."""
    upcoming = next_assembly(council_id=council.pk)
    return next(period for period in cycle_periods(council=council) if period.assembly == upcoming)


def year_rows(html: str) -> dict[int, tuple[int, int]]:
    return {int(y): (int(c.replace(",", "")), int(p.replace(",", ""))) for y, c, p in YEAR_ROW.findall(html)}


def counted_by_year(council, period=None, team=None) -> dict[int, tuple[int, int]]:
    """Completed and planned exchanges per start year, counted row by row (not by the selectors)."""
    found = Exchange.objects.filter(team__council=council).exclude(status=S.DRAFT)
    if period:
        found = found.filter(starts_on__gt=period.after, starts_on__lte=period.until)
    if team:
        found = found.filter(team=team)
    years, completed, planned = set(), Counter(), Counter()
    for status, starts_on in found.values_list("status", "starts_on"):
        years.add(starts_on.year)  # a year of cancelled exchanges only is a row of zeros
        completed[starts_on.year] += status == S.COMPLETED
        planned[starts_on.year] += status in PLANNED
    return {year: (completed[year], planned[year]) for year in sorted(years)}


@pytest.mark.parametrize("username", READERS)
def test_each_council_wide_role_reads_the_dashboard(client, demo_user, username):
    signed_in(client, demo_user, username)

    response = client.get(reverse("dashboard"))

    page = response.content.decode()
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "dashboards/dashboard.html"
    for table in ("table-readiness", "table-results", "table-years", "table-focus-areas", "table-reciprocity"):
        assert f'id="{table}"' in page
    assert page.count('role="img"') == 3  # three charts, each drawn from a table's numbers
    assert 'id="dashboard-charts" type="application/json"' in page


def test_a_mayors_office_lands_on_the_dashboard(client, demo_user):
    signed_in(client, demo_user, "mayor-office-beijing")

    response = client.get(reverse("home"))

    assert [t.name for t in response.templates][0] == "dashboards/dashboard.html"


def test_the_default_figures_equal_an_independent_count(client, demo_user, economy):
    signed_in(client, demo_user, "mayor-office-beijing")

    page = client.get(reverse("dashboard")).content.decode()

    expected = counted_by_year(economy.council, running_period(economy.council))
    assert year_rows(page) == expected
    assert sum(done for done, _planned in expected.values()) > 0  # the demo has completed work in the cycle


def test_the_filters_stay_in_the_form_and_in_the_pdf_link(client, demo_user, economy):
    council = economy.council
    seoul = City.objects.get(code="SEL")
    period = running_period(council)
    query = f"cycle={period.assembly.cycle}&team={economy.pk}&city={seoul.pk}"
    signed_in(client, demo_user, "mayor-office-beijing")

    response = client.get(f"{reverse('dashboard')}?{query}")

    page = response.content.decode()
    scope = response.context["dashboard"].scope
    assert (scope.period.assembly, scope.team, scope.city) == (period.assembly, economy, seoul)
    assert re.search(rf'<option value="{period.assembly.cycle}" selected>', page)
    assert re.search(rf'<option value="{economy.pk}" selected>', page)
    assert re.search(rf'<option value="{seoul.pk}" selected>', page)
    assert f'href="{reverse("dashboard-pdf")}?{query.replace("&", "&amp;")}"' in page
    assert economy.name in re.search(r"data-dashboard-scope>(.*?)</span>", page, re.S).group(1)


def test_choosing_a_team_shows_only_its_figures(client, demo_user, economy, culture):
    period = running_period(economy.council)
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(reverse("dashboard"), {"team": economy.pk})

    page = response.content.decode()
    assert year_rows(page) == counted_by_year(economy.council, period, team=economy)
    assert f'<tr data-team="{economy.pk}">' in page
    assert f'<tr data-team="{culture.pk}">' not in page


def test_all_cycles_counts_every_year(client, demo_user, economy):
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(reverse("dashboard"), {"cycle": "all"})

    assert year_rows(response.content.decode()) == counted_by_year(economy.council)
    assert response.context["dashboard"].scope.period is None


@pytest.mark.parametrize("cycle", ["current", "all"])
def test_the_all_teams_all_years_cell_holds_the_grand_total(client, demo_user, economy, cycle):
    period = running_period(economy.council) if cycle == "current" else None
    signed_in(client, demo_user, "mayor-office-beijing")

    page = client.get(reverse("dashboard"), {"cycle": "all"} if cycle == "all" else {}).content.decode()

    counted = counted_by_year(economy.council, period)
    footer = page[page.index('id="table-team-years"') :].split("<tfoot>")[1].split("</tfoot>")[0]
    cell = re.search(r'<td class="num" data-grand-total>\s*([\d,]+)&nbsp;/ <span[^>]*>([\d,]+)</span>', footer)
    assert (int(cell[1].replace(",", "")), int(cell[2].replace(",", ""))) == (
        sum(done for done, _planned in counted.values()),
        sum(planned for _done, planned in counted.values()),
    )
    assert footer.count("<td") == len(counted) + 1  # a cell per year, and the grand total


def test_bad_filter_values_show_the_errors_and_the_default_figures(client, demo_user):
    signed_in(client, demo_user, "mayor-office-beijing")
    default = client.get(reverse("dashboard")).content.decode()

    response = client.get(reverse("dashboard"), {"cycle": "abc", "team": "999999", "city": "x"})

    page = response.content.decode()
    refused = dict(response.context["refused"])
    assert response.status_code == 200
    assert "data-filter-errors" in page
    assert set(refused) == {"Assembly cycle", "Team", "City"}
    for label, messages in refused.items():
        assert f"{label}: {messages[0]}" in page
    assert year_rows(page) == year_rows(default)
    assert response.context["dashboard"].scope.team is None
    # The lists show the selection the figures are for: the running cycle, every team, every city.
    period = response.context["dashboard"].scope.period
    assert f'<option value="{period.assembly.cycle}" selected>' in page
    assert '<option value="" selected>All teams</option>' in page
    assert '<option value="" selected>All cities</option>' in page


def test_nothing_on_the_page_can_be_edited(client, demo_user):
    """Read-only: the only forms that post are the language switcher and sign-out of the base layout."""
    signed_in(client, demo_user, "mayor-office-beijing")

    page = client.get(reverse("dashboard")).content.decode()

    posting = {a or b for a, b in POST_FORM.findall(page)}
    assert posting <= {reverse("set_language"), reverse("logout")}
    assert 'style="' not in page  # no inline style: the CSP to come allows none
    assert "<script>" not in page  # nor inline script (json_script is data, typed application/json)


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("extra", [1, 3])
def test_the_page_costs_the_same_queries_for_more_rows(client, demo_user, economy, django_assert_num_queries, extra):
    today = timezone.localdate()
    for n in range(extra):  # each in the upcoming list and the latest completed list
        ExchangeFactory(team=economy, starts_on=today + dt.timedelta(days=n + 1))
        ExchangeFactory(team=economy, status=S.COMPLETED, starts_on=today - dt.timedelta(days=n), outcomes="Done.")
    signed_in(client, demo_user, "mayor-office-beijing")

    warm_content_types()  # then the versions of the plans, goals, upcoming and latest exchanges' texts: 4
    change_tokens.current()  # the records' token exists (its first reader makes it): the figures are computed, not kept
    with django_assert_num_queries(24):  # 1 of them the participants of exchanges whose people reached are empty
        response = client.get(reverse("dashboard"))
    # Then kept until a record changes: session, user, person, roles, the token, action items, unread.
    with django_assert_num_queries(7):
        kept = client.get(reverse("dashboard"))

    assert len(response.context["dashboard"].upcoming) >= extra
    assert main_part(kept) == main_part(response)  # the same figures (the menus' CSRF tokens differ)


def weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: pango or harfbuzz missing
        return False
    return True


@pytest.mark.skipif(not weasyprint_works(), reason="WeasyPrint or its system libraries are not installed")
def test_the_pdf_is_an_attachment_in_the_readers_language(client, demo_user, economy):
    user = demo_user("mayor-office-beijing")
    user.person.preferred_language = "zh-hans"
    user.person.save(update_fields=["preferred_language"])
    client.force_login(user)

    response = client.get(reverse("dashboard-pdf"), {"team": economy.pk})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="council-dashboard-zh-hans.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert any(b"Noto-Sans-CJK-SC" in stream for stream in streams(response.content))  # Chinese shapes first


def test_the_pdf_template_has_the_tables_and_the_filter_in_force(client, demo_user, economy, monkeypatch):
    """What goes into the PDF, read as HTML: the same tables, the council, the filter and the date."""
    captured = {}

    def keep_html(html, *, base_url):
        captured["html"] = html
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("dashboards.views.html_to_pdf", keep_html)
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(reverse("dashboard-pdf"), {"team": economy.pk})

    html = captured["html"]
    assert response.status_code == 200
    assert economy.council.name in html
    assert economy.name in re.search(r"data-dashboard-scope>(.*?)</span>", html, re.S).group(1)
    for table in ("table-readiness", "table-results", "table-years", "table-focus-areas", "table-reciprocity"):
        assert f'id="{table}"' in html
    assert "<canvas" not in html and "<script" not in html
    assert year_rows(html) == counted_by_year(economy.council, running_period(economy.council), team=economy)


def test_the_pdf_says_when_a_filter_was_refused(client, demo_user, monkeypatch):
    captured = {}

    def keep_html(html, *, base_url):
        captured["html"] = html
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("dashboards.views.html_to_pdf", keep_html)
    signed_in(client, demo_user, "secretariat-seoul")

    client.get(reverse("dashboard-pdf"), {"cycle": "1999"})
    refused = captured["html"]
    client.get(reverse("dashboard-pdf"))

    warning = "Some filters could not be used, so the dashboard shows the default selection."
    assert warning in refused
    assert warning not in captured["html"]
