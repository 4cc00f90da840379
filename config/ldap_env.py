"""The cities' LDAP directories and Active Directories, read from the environment (settings.LDAP_DIRECTORIES).

LDAP_DIRECTORIES="seoul,beijing" names them; each is set by variables of its own, LDAP_SEOUL_URL and so on
(the README lists them). A directory whose settings cannot work stops every process at its start, with
the variable to fix, rather than refusing people at sign-in.
"""

from django.core.exceptions import ImproperlyConfigured

from config.city_services import service_names


def directories(env) -> dict[str, dict]:
    return {name: _directory(env, name) for name in service_names(env, "LDAP_DIRECTORIES")}


def _directory(env, name: str) -> dict:
    prefix = f"LDAP_{name.upper()}_"

    def text(key: str, default: str = "") -> str:
        return env.str(prefix + key, default=default).strip()

    config = {
        "url": text("URL"),
        "city": text("CITY"),
        "search_base": text("SEARCH_BASE"),
        "bind_dn": text("BIND_DN"),
        "bind_password": env.str(prefix + "BIND_PASSWORD", default=""),
        "user_dn": text("USER_DN"),
        "username_attribute": text("USERNAME_ATTRIBUTE", "uid"),
        "email_attribute": text("EMAIL_ATTRIBUTE", "mail"),
        "employee_id_attribute": text("EMPLOYEE_ID_ATTRIBUTE", "employeeNumber"),
        "id_attribute": text("ID_ATTRIBUTE", "entryUUID"),
        "required_group": text("REQUIRED_GROUP"),
        "start_tls": env.bool(prefix + "START_TLS", default=False),
        "ca_file": text("CA_FILE"),
        "timeout": env.int(prefix + "TIMEOUT", default=5),
    }
    _check(prefix, config)
    return config


def _check(prefix: str, config: dict) -> None:
    for key in ("url", "city", "search_base"):
        if not config[key]:
            raise ImproperlyConfigured(f"{prefix}{key.upper()} must be set.")
    if not config["url"].startswith(("ldap://", "ldaps://")):
        raise ImproperlyConfigured(f"{prefix}URL must be an ldap:// or ldaps:// address.")
    if config["start_tls"] and config["url"].startswith("ldaps://"):
        raise ImproperlyConfigured(f"{prefix}START_TLS is for an ldap:// address; ldaps:// is encrypted already.")
    if not (config["bind_dn"] or config["user_dn"]):
        raise ImproperlyConfigured(f"{prefix}BIND_DN (a search account) or {prefix}USER_DN (direct bind) must be set.")
    if config["user_dn"] and "{username}" not in config["user_dn"]:
        raise ImproperlyConfigured(f"{prefix}USER_DN must contain {{username}}, e.g. uid={{username}},ou=people,….")
    if config["timeout"] < 1:
        raise ImproperlyConfigured(f"{prefix}TIMEOUT must be 1 second or more.")
