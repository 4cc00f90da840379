"""The load run of `make bench-load` (the bench_load command starts it): signed-in people of every
role, each a closed loop with no pause, opening the pages their work takes them to.

Each simulated person signs in through the form (as a browser would: the form's CSRF token, then the
POST), then picks a task by its weight. A task is what a person does in one go: open a list, often
with a filter or a later page, then follow one of the links it shows to a record. The weights follow
each role's working day: the secretariat works in the correspondence, actions and exchanges all day;
team leads log and look up their team's exchanges and plans; the mayors' offices read the dashboard.

LOAD_TRIVIAL=1 replaces every task by the trivial view (/healthz: the whole middleware stack for a
signed-in session, then one SELECT 1 and a Redis PING), the same people signing in the same way:
what this stack serves when the page itself costs nothing.

What is measured is the signed-in people: once the last of them has signed in, the statistics start
afresh and run for LOAD_MEASURE_SECONDS. The sign-ins themselves (their password hashing is slow on
purpose) are timed apart and written to LOAD_SIGN_INS (a JSON list of milliseconds).

Run by bench_load with LOAD_PASSWORD (the demo accounts' password) and --host; nothing here imports
Django, so it runs in locust's own process with gevent. With several gunicorn instances (bench_load
--instances), LOAD_HOSTS names them all and the people are dealt out to them in turn, as a balancer
with no sticky sessions would (a session is in the database, so any instance serves it).
"""

import itertools
import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "council-demo")
TRIVIAL = os.environ.get("LOAD_TRIVIAL") == "1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIST_PAGES = 20  # a person looks through the first pages of a list, not page 4,000
TEAMS = ("economy", "culture", "education")
EXCHANGE_STATUSES = ("planned", "confirmed", "completed")
INSTANCES = itertools.cycle(os.environ.get("LOAD_HOSTS", "").split() or [None])
MEASURE_SECONDS = float(os.environ.get("LOAD_MEASURE_SECONDS", "0"))  # 0: locust's --run-time alone
SIGN_INS_FILE = os.environ.get("LOAD_SIGN_INS", "")
sign_ins: list[float] = []  # milliseconds of each person's sign-in (the POST)


def links(html: str, prefix: str) -> list[str]:
    """The record pages a list links to, e.g. links(html, "/exchanges/") → ["/exchanges/17/", …]."""
    return sorted(set(re.findall(rf'href="({re.escape(prefix)}\d+/)"', html)))


class Person(FastHttpUser):
    abstract = True
    usernames: tuple[str, ...] = ()

    def __init__(self, environment) -> None:
        self.host = next(INSTANCES) or self.host  # before the client is made for it
        super().__init__(environment)

    def on_start(self) -> None:
        # Production cookies are Secure (__Secure-sessionid); over loopback HTTP a browser still sends
        # them (127.0.0.1 counts as a secure origin), Python's cookie jar only does when told.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))
        self.username = random.choice(self.usernames)  # noqa: S311 — a load mix, not a secret
        form = self.client.get("/accounts/login/", name="sign-in form")
        token = CSRF_FIELD.search(form.text or "")
        started = time.perf_counter()
        self.client.post(
            "/accounts/login/",
            name="sign-in",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.username,
                "password": PASSWORD,
                "next": "/",
            },
            headers={"Referer": f"{self.host}/accounts/login/", "Origin": self.host},
        )
        signed_in(self.environment, (time.perf_counter() - started) * 1000)

    def page(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, catch_response=True) as response:
            # A sign-in page after following redirects means the session was lost: an error.
            if "/accounts/login/" in (response.url or "") and "login" not in name:
                response.failure(f"{path} sent {self.username} to the sign-in page")
            return response.text or ""

    def browse(self, list_path: str, list_name: str, record_prefix: str, record_name: str) -> None:
        """Open a list, then one of the records it shows."""
        found = links(self.page(list_path, list_name), record_prefix)
        if found:
            self.page(random.choice(found), record_name)  # noqa: S311

    def exchanges(self, **filters: str) -> None:
        query = "&".join(f"{key}={value}" for key, value in filters.items())
        self.browse(f"/exchanges/?{query}", "exchange list (filtered, page 1–20)", "/exchanges/", "exchange page")

    @task(0 if not TRIVIAL else 1)
    def trivial(self) -> None:
        self.page("/healthz", "trivial view /healthz")


def signed_in(environment, ms: float) -> None:
    """Once everyone has signed in: the statistics start afresh, and stop MEASURE_SECONDS later."""
    sign_ins.append(ms)
    if not MEASURE_SECONDS or len(sign_ins) != environment.runner.target_user_count:
        return
    environment.runner.stats.reset_all()
    if SIGN_INS_FILE:
        with open(SIGN_INS_FILE, "w", encoding="utf-8") as file:
            json.dump(sign_ins, file)
    gevent.spawn_later(MEASURE_SECONDS, environment.runner.quit)


def _page_number() -> str:
    return str(random.randint(1, LIST_PAGES))  # noqa: S311


def _tasks(**weights):
    """The role's tasks with their weights, or none at all in the trivial run."""
    return {name: 0 if TRIVIAL else weight for name, weight in weights.items()}


class Secretariat(Person):
    weight = 3
    usernames = ("secretariat-seoul", "secretariat-beijing")
    w = _tasks(home=2, exchanges=3, correspondence=3, actions=2, mine=1, agreements=1, assemblies=1, notes=1, new=1)

    @task(w["home"])
    def home(self) -> None:
        self.page("/", "home")

    @task(w["exchanges"])
    def exchange_list(self) -> None:
        self.exchanges(status=random.choice(EXCHANGE_STATUSES), page=_page_number())  # noqa: S311

    @task(w["correspondence"])
    def correspondence(self) -> None:
        self.browse(
            "/secretariat/correspondence/",
            "correspondence list",
            "/secretariat/correspondence/",
            "correspondence page",
        )

    @task(w["actions"])
    def actions(self) -> None:
        self.browse("/secretariat/actions/", "action list", "/secretariat/actions/", "action page")

    @task(w["mine"])
    def my_actions(self) -> None:
        self.page("/secretariat/actions/mine/", "my actions")

    @task(w["agreements"])
    def agreements(self) -> None:
        self.browse("/secretariat/agreements/", "agreement list", "/secretariat/agreements/", "agreement page")

    @task(w["assemblies"])
    def assemblies(self) -> None:
        self.browse("/assemblies/", "assembly list", "/assemblies/", "assembly page")

    @task(w["notes"])
    def notifications(self) -> None:
        self.page("/notifications/", "notifications")

    @task(w["new"])
    def new_exchange(self) -> None:
        self.page("/exchanges/new/", "new exchange form")


class TeamLead(Person):
    weight = 4
    usernames = tuple(f"lead-{team}-{city}" for team in TEAMS for city in ("seoul", "beijing"))
    w = _tasks(home=2, exchanges=4, team=1, plans=1, mine=2, new=1, opportunities=1, dashboard=1)

    @task(w["home"])
    def home(self) -> None:
        self.page("/", "home")

    @task(w["exchanges"])
    def exchange_list(self) -> None:
        self.exchanges(page=_page_number())

    @task(w["team"])
    def team(self) -> None:
        self.browse("/teams/", "team list", "/teams/", "team page")

    @task(w["plans"])
    def plans(self) -> None:
        self.browse("/plans/", "plan list", "/plans/", "plan page")

    @task(w["mine"])
    def my_actions(self) -> None:
        self.page("/secretariat/actions/mine/", "my actions")

    @task(w["new"])
    def new_exchange(self) -> None:
        self.page("/exchanges/new/", "new exchange form")

    @task(w["opportunities"])
    def opportunities(self) -> None:
        self.page("/opportunities/", "opportunity list")

    @task(w["dashboard"])
    def dashboard(self) -> None:
        self.page("/dashboard/", "dashboard")


class TeamMember(Person):
    weight = 1
    usernames = ("member-economy-seoul",)
    w = _tasks(exchanges=3, mine=1)

    @task(w["exchanges"])
    def exchange_list(self) -> None:
        self.exchanges(page=_page_number())

    @task(w["mine"])
    def my_actions(self) -> None:
        self.page("/secretariat/actions/mine/", "my actions")


class MayorOffice(Person):
    weight = 2
    usernames = ("mayor-office-seoul", "mayor-office-beijing")
    w = _tasks(home=3, all_cycles=1, exchanges=1, assemblies=1)

    @task(w["home"])
    def home(self) -> None:
        self.page("/", "home (the dashboard)")

    @task(w["all_cycles"])
    def dashboard_all(self) -> None:
        self.page("/dashboard/?cycle=all", "dashboard, all cycles")

    @task(w["exchanges"])
    def exchange_list(self) -> None:
        self.exchanges(status="completed", page=_page_number())

    @task(w["assemblies"])
    def assemblies(self) -> None:
        self.browse("/assemblies/", "assembly list", "/assemblies/", "assembly page")
