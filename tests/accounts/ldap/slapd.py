"""A real OpenLDAP server (Debian's slapd) for the tests: a throw-away configuration and mdb database in a
temporary folder, on a free loopback port, as an ordinary child process.

It speaks plain LDAP (and StartTLS) on one port and LDAPS on another, with a certificate for
"localhost" signed by a CA made for the run (`ca_file`).

The schemas: inetOrgPerson (OpenLDAP's people), msuser (Active Directory's attributes: employeeID,
objectGUID, userAccountControl) and the ppolicy overlay, whose pwdAccountLockedTime marks a locked account.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from ldap3 import Connection, Server

SLAPD = Path("/usr/sbin/slapd")
SLAPADD = Path("/usr/sbin/slapadd")
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
SCHEMAS = ("core", "cosine", "inetorgperson", "nis", "msuser")  # msuser needs nis's homeDirectory
SUFFIX = "dc=seoul,dc=example"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-admin-secret"

CONFIG = """{includes}
TLSCACertificateFile {folder}/ca.pem
TLSCertificateFile {folder}/server.pem
TLSCertificateKeyFile {folder}/server.key
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile {folder}/slapd.pid
database mdb
suffix "{suffix}"
rootdn "{admin}"
rootpw {password}
directory {folder}/data
overlay ppolicy
"""

BASE = f"""dn: {SUFFIX}
objectClass: dcObject
objectClass: organization
o: Seoul
dc: seoul
"""


def installed() -> bool:
    return SLAPD.exists() and SLAPADD.exists() and Path(OPENSSL).exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Slapd:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="council-desk-slapd-"))
        self.url = f"ldap://127.0.0.1:{_free_port()}"
        self.ldaps_port = _free_port()
        self.ca_file = str(self.folder / "ca.pem")
        self.process: subprocess.Popen | None = None

    def start(self) -> "Slapd":
        (self.folder / "data").mkdir()
        self._make_certificates()
        includes = "\n".join(f"include /etc/ldap/schema/{name}.schema" for name in SCHEMAS)
        config = self.folder / "slapd.conf"
        config.write_text(
            CONFIG.format(includes=includes, folder=self.folder, suffix=SUFFIX, admin=ADMIN_DN, password=ADMIN_PASSWORD)
        )
        subprocess.run([SLAPADD, "-f", config], input=BASE, text=True, check=True, capture_output=True)
        # -d 0: stays in the foreground, a child of this process that stop() ends.
        with (self.folder / "slapd.log").open("wb") as log:
            self.process = subprocess.Popen(
                [SLAPD, "-f", config, "-h", f"{self.url}/ ldaps://127.0.0.1:{self.ldaps_port}/", "-d", "0"],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        self._wait_until_it_answers()
        return self

    def _make_certificates(self) -> None:
        """A CA of this run, and the server's certificate for "localhost" signed by it."""

        def openssl(*arguments: str) -> None:
            subprocess.run([OPENSSL, *arguments], cwd=self.folder, check=True, capture_output=True)

        key = ["-newkey", "rsa:2048", "-nodes", "-days", "2"]
        openssl("req", "-x509", *key, "-subj", "/CN=Council Desk test CA", "-keyout", "ca.key", "-out", "ca.pem")
        openssl("req", *key[:3], "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr")
        (self.folder / "san").write_text("subjectAltName=DNS:localhost\n")
        signed_by_the_ca = ["-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-extfile", "san", "-days", "2"]
        openssl("x509", "-req", "-in", "server.csr", *signed_by_the_ca, "-out", "server.pem")

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd stopped: {(self.folder / 'slapd.log').read_text(errors='replace')}")
            try:
                self.admin().unbind()
                return
            except Exception:  # noqa: BLE001 — not listening yet
                time.sleep(0.1)
        raise RuntimeError("slapd did not answer within 15 seconds")

    def admin(self) -> Connection:
        return Connection(Server(self.url), user=ADMIN_DN, password=ADMIN_PASSWORD, auto_bind=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
