"""The parts /healthz watches beyond the database and the broker, registered by the apps that own them
(common knows no project app): the reminders app registers its check in its AppConfig.ready."""

from collections.abc import Callable

# A check answers None when its part is healthy, else why not: one line for monitoring, without
# personal data. It runs only once the database has answered.
Check = Callable[[], str | None]

_checks: dict[str, Check] = {}


def register(name: str, check: Check) -> None:
    """Add a part under `name`, its key in /healthz's JSON (registering a name again replaces it)."""
    _checks[name] = check


def registered() -> dict[str, Check]:
    return dict(_checks)
