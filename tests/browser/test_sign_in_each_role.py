import pytest

from tests.browser.conftest import screenshot
from tests.i18n import translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each demo account, a navigation link its role must see, and how its home page's heading begins
# (a mayor's office's home is the dashboard).
ROLE_ACCOUNTS = [
    ("secretariat-seoul", "Exchanges", "Welcome"),
    ("secretariat-beijing", "Assemblies", "Welcome"),
    ("lead-economy-seoul", "Exchanges", "Welcome"),
    ("lead-culture-beijing", "Assemblies", "Welcome"),
    ("member-economy-seoul", "Exchanges", "Welcome"),
    ("mayor-office-seoul", "Assemblies", "Dashboard"),
    ("mayor-office-beijing", "Exchanges", "Dashboard"),
    ("admin", "Administration", "Welcome"),
]
LANGUAGES = [("ko", "한국어"), ("zh-hans", "简体中文")]


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "council-demo")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def switch_language(page, label: str) -> None:
    page.click("#language-menu")
    page.click(f"button.dropdown-item:has-text('{label}')")
    page.wait_for_load_state()


@pytest.mark.parametrize(("username", "link", "heading"), ROLE_ACCOUNTS)
def test_each_role_signs_in_and_reads_its_home_in_three_languages(demo_server, page, username, link, heading):
    sign_in(page, demo_server.url, username)
    nav = page.locator("#main-nav")
    assert page.locator("h1").inner_text().startswith(heading)
    assert nav.get_by_role("link", name=link, exact=True).is_visible()

    for code, label in LANGUAGES:
        switch_language(page, label)
        assert page.locator("html").get_attribute("lang") == code
        assert nav.get_by_role("link", name=translated("Home", code), exact=True).is_visible()
        assert nav.get_by_role("link", name=translated(link, code), exact=True).is_visible()
        screenshot(page, f"home-{username}-{code}")
        bar, window = page.evaluate("[document.querySelector('nav').scrollWidth, window.innerWidth]")
        assert bar <= window, f"the navigation must fit a {window}-pixel screen in {code}"


def test_a_wrong_password_is_refused_with_a_message(demo_server, page):
    page.goto(f"{demo_server.url}/accounts/login/")
    page.fill("input[name=username]", "secretariat-seoul")
    page.fill("input[name=password]", "wrong password")
    page.click("main form button[type=submit]")
    assert "/accounts/login/" in page.url
    assert page.locator(".alert-danger, .invalid-feedback, .alert").first.is_visible()
