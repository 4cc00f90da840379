"""Talking to a city's LDAP directory or Active Directory (ldap3, pure Python): checking a password, and
reading a person's entry again to see whether they still may sign in.

One directory's settings are a dict of settings.LDAP_DIRECTORIES (config.ldap_env). The directory vouches
for its `mail`, so the claims it makes say the e-mail is verified; the account's id there (`subject`) is
the entry's stable id — entryUUID on OpenLDAP, objectGUID on Active Directory — or its DN.
"""

import contextlib
import logging
import ssl
import uuid
from dataclasses import dataclass

from ldap3 import BASE, NONE, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException
from ldap3.core.results import (
    RESULT_BUSY,
    RESULT_NO_SUCH_OBJECT,
    RESULT_SIZE_LIMIT_EXCEEDED,
    RESULT_SUCCESS,
    RESULT_UNAVAILABLE,
)
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

log = logging.getLogger("accounts.ldap")

# Active Directory's userAccountControl flag of a disabled account (ACCOUNTDISABLE).
AD_ACCOUNT_DISABLED = 0x2
# OpenLDAP's password policy (ppolicy) sets this on a locked account; an operational attribute, so
# it is returned only when asked for by name.
OPENLDAP_LOCKED = "pwdAccountLockedTime"
AD_CONTROL = "userAccountControl"
UNAVAILABLE = (RESULT_BUSY, RESULT_UNAVAILABLE)


class Unreachable(Exception):
    """The directory could not answer: down, too slow, refusing our search account, or a TLS failure."""


@dataclass(frozen=True)
class Entry:
    """What sign-in needs of a person's directory entry."""

    dn: str
    subject: str
    email: str
    employee_id: str
    disabled: bool  # locked or disabled by the city's IT
    in_group: bool  # in the group required to sign in, or none is required

    @property
    def may_sign_in(self) -> bool:
        return not self.disabled and self.in_group


def check_password(config: dict, username: str, password: str) -> Entry | None:
    """The entry of this username if the password is its own; None if there is no such entry or the
    password is wrong. An empty password is refused here: LDAP takes it as an anonymous bind, which succeeds."""
    if not username or not password:
        return None
    if config["bind_dn"]:
        with _search_connection(config) as search:
            entry = _find(config, search, username)
        return entry if entry is not None and _binds(config, entry.dn, password) else None
    own = _as_person(config, config["user_dn"].format(username=escape_rdn(username)), password)
    if own is None:
        return None
    try:  # direct bind: the person reads their own entry
        return _find(config, own, username)
    finally:
        _close(own)


def still_allowed(config: dict, *, dn: str, subject: str) -> bool:
    """Read the entry again: still there (same id at the same DN), not disabled, in the required group."""
    with _search_connection(config) as search:
        found = _search(search, dn, "(objectClass=*)", BASE, _attributes(config))
        if not found:
            return False
        entry = _entry(config, search, found[0])
    return entry.subject == subject and entry.may_sign_in


def can_recheck(config: dict) -> bool:
    """Re-reading an entry needs the search account: direct bind keeps no password to bind with."""
    return bool(config["bind_dn"])


# Connections --------------------------------------------------------------------------------------------


def _server(config: dict) -> Server:
    tls = None
    if config["url"].startswith("ldaps://") or config["start_tls"]:
        tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=config["ca_file"] or None)
    # get_info=NONE: no schema read at each connection, and any attribute may be asked for by name
    # (an OpenLDAP server ignores AD's userAccountControl, and AD OpenLDAP's pwdAccountLockedTime).
    return Server(config["url"], get_info=NONE, tls=tls, connect_timeout=config["timeout"])


def _open(config: dict, dn: str, password: str) -> Connection:
    # No referrals followed: ldap3 would bind to whatever host a referral names, with these credentials.
    connection = Connection(
        _server(config), user=dn, password=password, receive_timeout=config["timeout"], auto_referrals=False
    )
    try:
        connection.open()
        if config["start_tls"]:
            connection.start_tls()
        connection.bind()
    except LDAPException as error:
        _close(connection)
        log.warning("directory %s unreachable: %s", config["url"], error)
        raise Unreachable(str(error)) from error
    return connection


def _binds(config: dict, dn: str, password: str) -> bool:
    """The password check itself: a bind as the person."""
    connection = _as_person(config, dn, password)
    if connection is None:
        return False
    _close(connection)
    return True


def _as_person(config: dict, dn: str, password: str) -> Connection | None:
    """A connection bound as the person, or None for a wrong password. A directory too busy to answer
    is an outage, not a wrong password."""
    connection = _open(config, dn, password)
    if connection.bound:
        return connection
    result = connection.result or {}
    _close(connection)
    if result.get("result") in UNAVAILABLE:
        raise Unreachable(result.get("description", "unavailable"))
    return None


class _bound:
    """A connection bound as dn, unbound on leaving; if it cannot bind, the directory cannot be used."""

    def __init__(self, config: dict, dn: str, password: str):
        self.config, self.dn, self.password = config, dn, password

    def __enter__(self) -> Connection:
        self.connection = _open(self.config, self.dn, self.password)
        if not self.connection.bound:
            _close(self.connection)
            log.error("directory %s refuses the bind of %s", self.config["url"], self.dn)
            raise Unreachable(f"{self.dn} cannot bind")
        return self.connection

    def __exit__(self, *exc) -> None:
        _close(self.connection)


def _close(connection: Connection) -> None:
    """Unbind, and close the socket; a connection already broken (a time-out, a failed TLS handshake)
    has nothing left to close, and its error must not replace the one that broke it."""
    with contextlib.suppress(LDAPException):
        connection.unbind()


def _search_connection(config: dict) -> _bound:
    return _bound(config, config["bind_dn"], config["bind_password"])


def _search(connection: Connection, base: str, query: str, scope, attributes: list[str]) -> list[dict]:
    """The entries found; none if the base itself does not exist. Anything else that fails is an outage."""
    try:
        connection.search(base, query, scope, attributes=attributes, size_limit=2)
    except LDAPException as error:
        raise Unreachable(str(error)) from error
    code = connection.result["result"]
    if code == RESULT_NO_SUCH_OBJECT:
        return []
    if code not in (RESULT_SUCCESS, RESULT_SIZE_LIMIT_EXCEEDED):  # we never need more than 2
        raise Unreachable(f"search failed: {connection.result['description']}")
    return [item for item in connection.response if item.get("type") == "searchResEntry"]


# Entries ------------------------------------------------------------------------------------------------


def _attributes(config: dict) -> list[str]:
    wanted = [config["email_attribute"], config["employee_id_attribute"], OPENLDAP_LOCKED, AD_CONTROL]
    if config["id_attribute"].lower() != "dn":
        wanted.append(config["id_attribute"])
    return wanted


def _find(config: dict, connection: Connection, username: str) -> Entry | None:
    """The one entry with this username under the search base (two would be ambiguous: none)."""
    query = f"({config['username_attribute']}={escape_filter_chars(username)})"
    found = _search(connection, config["search_base"], query, SUBTREE, _attributes(config))
    if len(found) != 1:
        if found:
            log.warning("directory %s has several entries for username %r", config["url"], username)
        return None
    return _entry(config, connection, found[0])


def _entry(config: dict, connection: Connection, item: dict) -> Entry:
    raw = {name.lower(): values for name, values in item["raw_attributes"].items()}

    def first(name: str) -> str:
        values = raw.get(name.lower()) or [b""]
        return values[0].decode(errors="replace").strip()

    control = first(AD_CONTROL)
    dn = item["dn"]
    return Entry(
        dn=dn,
        subject=_subject(config, dn, (raw.get(config["id_attribute"].lower()) or [b""])[0]),
        email=first(config["email_attribute"]),
        employee_id=first(config["employee_id_attribute"]),
        disabled=bool(first(OPENLDAP_LOCKED)) or (control.isdigit() and int(control) & AD_ACCOUNT_DISABLED != 0),
        in_group=not config["required_group"] or _is_member(connection, config["required_group"], dn),
    )


def _subject(config: dict, dn: str, value: bytes) -> str:
    name = config["id_attribute"].lower()
    if name == "dn":
        return dn
    if not value:  # an entry without the id attribute cannot be told apart from a later one at its DN
        raise Unreachable(f"the entry {dn} has no {config['id_attribute']}")
    if name == "objectguid" and len(value) == 16:  # binary; this is the text form AD's own tools show
        return str(uuid.UUID(bytes_le=value))
    return value.decode(errors="replace")


def _is_member(connection: Connection, group: str, dn: str) -> bool:
    """A direct member (groupOfNames' and AD's member, groupOfUniqueNames' uniqueMember)."""
    member = escape_filter_chars(dn)
    found = _search(connection, group, f"(|(member={member})(uniqueMember={member}))", BASE, ["1.1"])
    if connection.result["result"] == RESULT_NO_SUCH_OBJECT:
        log.error("the group required to sign in, %s, does not exist: nobody may sign in", group)
    return bool(found)
