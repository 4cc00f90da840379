"""The dependency locks and their audit (`make lock`, `make check`; bin/audit).

The locks must pin everything uv installs (with --require-hashes, it installs nothing else) and
agree with each other; the audit must fail on a known vulnerability unless audit-ignore.txt lists it
with a reason. The audit is tested against an OSV server of the test's own, which knows one
vulnerability of the locked Django."""

import json
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ("requirements.txt", "requirements-dev.txt", "requirements-bench.txt")
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+?)(?: ; (.*))? \\$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str, *, here_only: bool = False) -> dict[str, str]:
    """{package: version} of a lock, after checking that each entry is pinned and hashed; here_only:
    only those whose environment marker holds on this machine's Python."""
    found, lines = {}, (ROOT / lock).read_text().splitlines()
    for number, line in enumerate(lines):
        if not line or line[0] in " #-":
            continue
        match = PIN.match(line)
        assert match, f"{lock}:{number + 1} is not pinned: {line}"
        assert lines[number + 1].strip().startswith("--hash=sha256:"), f"{lock}:{number + 1} has no hash"
        if not here_only or not match[3] or Marker(match[3]).evaluate():
            found[canonical(match[1])] = match[2]
    return found


def direct(source: str) -> set[str]:
    """The packages an .in file names itself (not those of the files it includes)."""
    names = set()
    for line in (ROOT / source).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(canonical(re.split(r"[\[<>=!~; ]", line, maxsplit=1)[0]))
    return names


def test_each_lock_pins_with_hashes_every_package_its_sources_name_and_the_locks_agree():
    runtime, dev, bench = (pins(lock) for lock in LOCKS)
    assert direct("requirements.in") <= runtime.keys()
    assert direct("requirements-dev.in") <= dev.keys()
    assert direct("requirements-bench.in") <= bench.keys()
    # Each lock holds the one below it at the same versions: the tests run what production runs.
    assert {name: dev[name] for name in runtime} == runtime
    assert {name: bench[name] for name in dev} == dev
    # What redis-py needs only before Python 3.11.3 is pinned too, not left to float.
    assert "async-timeout" in runtime


def test_the_makefile_installs_the_locks_with_their_hashes_only():
    makefile = (ROOT / "Makefile").read_text()
    installs = re.findall(r"^\t\$\(UV_INSTALL\) -r (\S+)$", makefile, flags=re.MULTILINE)
    assert installs == list(LOCKS)
    assert "UV_INSTALL := $(VENV)/bin/uv pip install --quiet --require-hashes --no-deps --python $(PY)" in makefile
    # uv itself: pip, with its entry of the dev lock. Nothing else is installed around the locks.
    assert "\t$(PY) -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-lock.txt\n" in makefile
    assert makefile.count("pip install") == 2


def test_uvs_entry_is_taken_from_the_dev_lock_whole_with_its_hashes_and_nothing_else():
    makefile = (ROOT / "Makefile").read_text()
    (program,) = re.findall(r"^\tawk '([^']+)' requirements-dev.txt > \$\(VENV\)/uv-lock.txt$", makefile, re.MULTILINE)
    taken = subprocess.run(
        [shutil.which("awk"), program.replace("$$", "$"), str(ROOT / "requirements-dev.txt")],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip

    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("uv=="))
    end = next(number for number in range(start + 1, len(lines)) if not lines[number].startswith("    --hash="))
    assert taken == lines[start:end]
    assert taken[0] == f"uv=={pins('requirements-dev.txt')['uv']} \\"
    assert len(taken) > 2 and all(line.startswith("    --hash=sha256:") for line in taken[1:])


class Osv(BaseHTTPRequestHandler):
    """OSV's query API (POST /v1/query) knowing one vulnerability: of Django at the locked version."""

    vulnerable = ("django", pins("requirements.txt")["django"])

    def do_POST(self):  # noqa: N802 (http.server's name)
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        package, version = query["package"]["name"], query["version"]
        answer = {}
        if (canonical(package), version) == self.vulnerable:
            answer = {"vulns": [self.advisory()]}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    @staticmethod
    def advisory() -> dict:
        affected = {"package": {"name": "django", "ecosystem": "PyPI"}}
        affected["ranges"] = [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]
        return {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "summary": "A test", "affected": [affected]}

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def osv_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Osv)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/v1/query"
    server.shutdown()


def run_audit(osv_url: str, ignore: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "bin/audit"), "--lock", str(ROOT / "requirements.txt")]
    command += ["--ignore", str(ignore), "--vulnerability-service", "osv", "--osv-url", osv_url]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_the_audit_fails_on_a_known_vulnerability(osv_url, tmp_path):
    run = run_audit(osv_url, tmp_path / "none.txt")
    version = Osv.vulnerable[1]
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"audit: VULNERABLE django {version}: PYSEC-2099-1 (fixed in 99.0)" in run.stdout
    count = len(pins("requirements.txt", here_only=True))
    assert f"audit: {count} of {count} locked packages audited, 1 vulnerable" in run.stdout


def test_the_audit_passes_a_vulnerability_listed_with_its_reason_by_id_or_alias(osv_url, tmp_path):
    for listed in ("PYSEC-2099-1", "CVE-2099-0001"):
        ignore = tmp_path / "audit-ignore.txt"
        ignore.write_text(f"# the test's\n{listed} the test's advisory; Council Desk does not call the code\n")
        run = run_audit(osv_url, ignore)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "0 vulnerable" in run.stdout


def test_the_audit_refuses_an_ignored_vulnerability_without_a_reason(osv_url, tmp_path):
    ignore = tmp_path / "audit-ignore.txt"
    ignore.write_text("PYSEC-2099-1\n")
    run = run_audit(osv_url, ignore)
    assert run.returncode == 1
    assert "audit-ignore.txt:1: PYSEC-2099-1 has no reason" in run.stderr
