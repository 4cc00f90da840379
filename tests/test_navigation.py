"""The main navigation marks the section of the page being read, menus included."""

import re

import pytest
from django.urls import reverse

ACTIVE = re.compile(r'class="(?:nav-link|btn btn-link nav-link dropdown-toggle)[^"]*\bactive\b[^"]*"[^>]*>([^<]+)<')


@pytest.mark.parametrize(
    ("url_name", "section"),
    [
        ("home", "Home"),
        ("dashboard", "Dashboard"),
        ("teams:exchange-list", "Exchanges"),
        ("teams:plan-list", "Plans"),
        ("teams:opportunity-list", "Plans"),
        ("assemblies:list", "Assemblies"),
        ("translations:desk", "Translations"),
        ("secretariat:correspondence-list", "Secretariat"),
        ("secretariat:action-list", "Secretariat"),
        ("secretariat:agreement-list", "Secretariat"),
        ("reminders:rules", "Secretariat"),
    ],
)
def test_the_section_of_the_page_is_marked_in_the_navigation(client, demo_user, url_name, section):
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(reverse(url_name)).content.decode()

    assert ACTIVE.findall(page) == [section]
