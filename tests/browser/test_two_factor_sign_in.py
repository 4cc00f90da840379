"""Two-factor sign-in in Chromium: set up from the key shown on the page, keep the recovery codes, then
sign in with a code and with a recovery code, with the Content-Security-Policy in force and nothing on
these pages violating it, and no serious accessibility violation (axe-core)."""

import base64

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import screenshot
from tests.browser.test_csp_and_accessibility import AXE, serious_axe_violations
from tests.browser.test_sign_in_each_role import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => window.__csp.push(event.violatedDirective));
"""


def code_from(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What the authenticator app computes from the key as the page shows it."""
    totp = TOTP(base64.b32decode(secret_text.replace(" ", "")))
    totp.time += 30 * steps_ahead
    return f"{totp.token():06d}"


def test_set_up_two_factor_then_sign_in_with_a_code(demo_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    base = demo_server.url

    sign_in(page, base, "lead-economy-seoul")
    page.click("#user-menu")
    page.click("text=Two-factor sign-in")
    page.wait_for_url(f"{base}/accounts/two-factor/")
    assert page.locator("svg.qr-code").is_visible()
    secret = page.locator("#totp-secret").inner_text()
    screenshot(page, "two-factor-setup")
    assert page.evaluate("window.__csp") == []
    axe = AXE.read_text(encoding="utf-8") + "\n;undefined"
    assert serious_axe_violations(page, axe) == []

    page.fill("input[name=code]", code_from(secret))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/accounts/two-factor/")
    assert "Two-factor sign-in is on" in page.locator("main").inner_text()
    assert TOTPDevice.objects.filter(user__username="lead-economy-seoul", confirmed=True).count() == 1
    recovery_codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(recovery_codes) == 10
    screenshot(page, "two-factor-recovery-codes")
    assert serious_axe_violations(page, axe) == []

    page.click("#user-menu")
    page.click("button:has-text('Sign out')")
    page.goto(f"{base}/accounts/login/?next=/exchanges/")
    page.fill("input[name=username]", "lead-economy-seoul")
    page.fill("input[name=password]", "council-demo")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/accounts/login/verify/?next=/exchanges/")
    screenshot(page, "two-factor-verify")
    assert page.evaluate("window.__csp") == []

    assert serious_axe_violations(page, axe) == []

    page.fill("input[name=code]", code_from(secret, steps_ahead=1))  # the setup's code is spent
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/exchanges/")
    assert page.locator("h1").inner_text() == "Exchanges"

    # The phone lost: a recovery code instead, which then says how many are left.
    page.click("#user-menu")
    page.click("button:has-text('Sign out')")
    page.goto(f"{base}/accounts/login/?next=/exchanges/")
    page.fill("input[name=username]", "lead-economy-seoul")
    page.fill("input[name=password]", "council-demo")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/accounts/login/verify/?next=/exchanges/")
    page.fill("input[name=code]", recovery_codes[0])
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/exchanges/")
    assert "9 recovery codes are left" in page.locator("main").inner_text()
    assert page.evaluate("window.__csp") == []
    context.close()
