"""Find every form in the app by itself: walk the pages a role may open, read the `<form>` elements in them.

The pages are those of the URL × role table (tests/test_url_roles.py) that answer the role with 200, with
the objects its fixtures give (own team, another team), and the pages those link to, a few per kind of
page. A form is kept once per role and kind (the URL name it posts to and its field names); the values a
field had in the copies left out become options of the copy kept (the status buttons of an exchange are
one form per next status, with one hidden `to` each). Forms that post change data; forms that get are
filters, searches and sorting, whose input lands in the query string.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from tests.test_crawl import LINK, NOT_FOLLOWED
from tests.test_url_roles import CASES, url_args

TOKEN = "csrfmiddlewaretoken"
LINKS_PER_KIND = 2  # pages of one kind (URL name) opened from links, beyond those of the table
NOT_A_PAGE = re.compile(r"\.(pdf|csv|xlsx|ics)$")  # files: no forms in them, and slow to make
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password"}


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, "textarea", "select", "multiple" (a multiple select or checkboxes) or "submit"
    options: list[str] = field(default_factory=list)  # the values offered: options, radios, buttons, defaults
    value: str | list[str] | None = None  # what the page filled in (None: nothing)
    required: bool = False
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_TYPES or self.kind == "textarea"


@dataclass
class Form:
    page: str  # where it was found
    action: str  # the path (and query) it posts to
    url_name: str
    token: str
    fields: dict[str, Field]
    method: str = "post"

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    @property
    def query(self) -> dict[str, str]:
        """The parameters of the address it posts to (?exchange=<id> …): input too."""
        return dict(parse_qsl(urlsplit(self.action).query, keep_blank_values=True))

    @property
    def key(self) -> tuple:
        return (self.method, self.url_name, tuple(sorted(self.query)), tuple(sorted(self.fields)))

    def __str__(self) -> str:
        fields = ", ".join(self.fields) or "no fields"
        return f"{self.method.upper()} {self.url_name} ({self.action}, on {self.page}): {fields}"


class _FormParser(HTMLParser):
    """The post forms of one page, with their fields as a browser would submit them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            method = attrs.get("method", "get").lower()
            action = urljoin(self.page, attrs.get("action") or self.page)
            if method == "get":
                action = action.split("?")[0]  # a browser replaces the query with the form's fields
            self._form = Form(page=self.page, action=action, url_name="", token="", fields={}, method=method)
            return
        if self._form is None:
            return
        if tag == "option":
            if self._select is not None:
                self._option, self._text = attrs, []
            return
        if "name" not in attrs:
            return
        handler = getattr(self, f"_start_{tag}", None)
        if handler:
            handler(attrs)

    def _start_input(self, attrs):
        kind, name, value = attrs.get("type", "text").lower(), attrs["name"], attrs.get("value", "")
        if name == TOKEN:
            self._form.token = value
            return
        if kind in ("checkbox", "radio"):
            known = self._form.fields.get(name)
            if known is None:
                known = self._add(name, kind, attrs, value=[] if kind == "checkbox" else None)
            elif kind == "checkbox":
                known.kind = "multiple"  # several boxes of one name: a multiple choice
            known.options.append(value or "on")
            if "checked" in attrs:
                if isinstance(known.value, list):
                    known.value.append(value or "on")
                else:
                    known.value = value or "on"
            return
        if kind in ("submit", "image", "button", "reset"):
            if kind == "submit":
                self._add(name, "submit", attrs).options.append(value)
            return
        self._add(name, kind, attrs, value=value)

    def _start_button(self, attrs):
        if attrs.get("type", "submit").lower() == "submit":
            self._add(attrs["name"], "submit", attrs).options.append(attrs.get("value", ""))

    def _start_select(self, attrs):
        kind = "multiple" if "multiple" in attrs else "select"
        self._select = self._add(attrs["name"], kind, attrs, value=[] if kind == "multiple" else None)

    def _start_textarea(self, attrs):
        self._textarea = self._add(attrs["name"], "textarea", attrs)
        self._text = []

    def _add(self, name: str, kind: str, attrs: dict, value=None) -> Field:
        known = self._form.fields.get(name)
        if known is not None:
            return known
        made = Field(name=name, kind=kind, value=value, required="required" in attrs, attrs=attrs)
        self._form.fields[name] = made
        return made

    def handle_data(self, data):
        if self._option is not None or self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option.get("value", "".join(self._text).strip())
            self._select.options.append(value)
            if "selected" in self._option:
                if isinstance(self._select.value, list):
                    self._select.value.append(value)
                else:
                    self._select.value = value
            self._option = None
        elif tag == "select" and self._select is not None:
            if self._select.kind == "select" and self._select.value is None and self._select.options:
                self._select.value = self._select.options[0]  # what a browser submits untouched
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea.value = "".join(self._text).removeprefix("\n")
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def forms_in(page: str, html: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    forms = []
    for form in parser.forms:
        path = urlsplit(form.action).path
        try:
            match = resolve(path)
        except Resolver404:
            continue  # posts somewhere outside the app: not ours to fuzz
        form.url_name = match.view_name
        forms.append(form)
    return forms


def seed_pages(request, role: str) -> list[str]:
    """The addresses of the URL × role table that answer this role with a page (200), objects included."""
    pages = []
    for name, method, target, expected in CASES:
        if method == "get" and expected[role] == 200:
            args = url_args(request.getfixturevalue(target)) if target else []
            pages.append(reverse(name, args=args))
    return list(dict.fromkeys(pages))


def _kind_of(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def discover(client, pages: list[str], posts: list[tuple[str, dict]] = (), walked: Counter | None = None) -> list[Form]:
    """Open the pages, and from them the pages they link to (a few of each kind), then make the `posts`
    (url, data) whose answer is a page with forms of its own: the forms found, once per kind."""
    found: dict[tuple, Form] = {}
    seen, queue = set(), list(pages)
    opened_by_kind: Counter = Counter()
    linked_from_table = set(pages)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if NOT_A_PAGE.search(urlsplit(url).path):
            continue
        response = client.get(url)
        if walked is not None:
            walked["pages"] += 1
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        for form in forms_in(url, html):
            _keep(found, form)
        if url not in linked_from_table:
            continue  # one hop from the table's pages is enough to reach every kind of page
        for link in LINK.findall(html):
            link = link.replace("&amp;", "&")
            kind = _kind_of(link)
            if link in seen or kind is None or any(part in link for part in NOT_FOLLOWED):
                continue
            if opened_by_kind[kind] < LINKS_PER_KIND:
                opened_by_kind[kind] += 1
                queue.append(link)
    for url, data in posts:
        response = client.post(url, {**data, TOKEN: client.cookies[settings.CSRF_COOKIE_NAME].value})
        if response.status_code == 200:
            for form in forms_in(url, response.content.decode()):
                _keep(found, form)
    return list(found.values())


def _keep(found: dict[tuple, Form], form: Form) -> None:
    kept = found.setdefault(form.key, form)
    if kept is form:
        return
    for name, extra in form.fields.items():
        field_kept = kept.fields[name]
        for value in [*extra.options, *([extra.value] if isinstance(extra.value, str) else [])]:
            if value not in field_kept.options:
                field_kept.options.append(value)
