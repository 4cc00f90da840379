"""Where gunicorn's workers spend their time during a load run: py-spy samples each worker's stack (from
outside the process, without changing it) and the samples are sorted into what the request was doing.

A sample counts once, for the first of these its stack shows, innermost first: waiting for PostgreSQL
(a query sent, its rows read), Redis (the cache), building queries and objects (Django's ORM), rendering
templates, the view's own code; what is left is the middleware around every request (sessions, the
signed-in user, security headers) and gunicorn itself. Samples of a sign-in (its password hashing is
slow on purpose and not part of the measured time) are left out.
"""

import os
import re
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.production import BIN

SIGN_IN = ("hashers.py", "accounts/views.py")
KINDS = (  # (what the request was doing, a stack frame that shows it), innermost first
    ("waiting for PostgreSQL", "CursorWrapper._execute"),
    ("waiting for PostgreSQL", "psycopg"),
    ("Redis (the cache)", "redis/"),
    ("building queries and objects (ORM)", "django/db/models/"),
    ("rendering templates", "django/template/"),
    ("rendering templates", "templatetags/"),
    ("rendering templates", "crispy_forms/"),
    ("rendering templates", "django/forms/"),
)
VIEW = re.compile(r"^(\w+) \((\w+/views(?:/\w+)?\.py):\d+\)$")


@dataclass
class Profile:
    samples: int = 0
    kinds: Counter = field(default_factory=Counter)
    views: Counter = field(default_factory=Counter)  # inclusive: every sample under the view
    error: str = ""

    def add(self, stack: list[str], count: int) -> None:
        if any(part in frame for frame in stack for part in SIGN_IN):
            return
        self.samples += count
        self.kinds[_kind(stack)] += count
        view = next((match.group(1, 2) for frame in stack if (match := VIEW.match(frame))), None)
        if view:
            self.views[f"{view[1]}: {view[0]}"] += count

    def lines(self, top: int = 8) -> list[str]:
        if self.error or not self.samples:
            return [f"  no profile: {self.error or 'no sample taken'}"]
        share = lambda count: f"{count / self.samples * 100:5.1f}%"  # noqa: E731
        found = [f"  {share(count)}  {kind}" for kind, count in self.kinds.most_common()]
        found.append(f"  of {self.samples:,} samples, the views' (all their time: queries and templates included):")
        found += [f"  {share(count)}  {view}" for view, count in self.views.most_common(top)]
        return found


def _kind(stack: list[str]) -> str:
    for frame in reversed(stack):
        for kind, marker in KINDS:
            if marker in frame:
                return kind
        if VIEW.match(frame):
            return "the views' own code"
    return "middleware, sessions and gunicorn"


def worker_pids(bases: list[str]) -> list[int]:
    """The gunicorn workers serving these addresses: the children of each instance's master."""
    binds = {base.removeprefix("http://") for base in bases}
    masters, children = set(), {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
        words = [word.decode(errors="replace") for word in command]
        if any(word in binds for word in words) and any(word.endswith("gunicorn") for word in words):
            children.setdefault(parent, []).append(int(entry.name))
            masters.add(int(entry.name))
    return sorted(pid for parent, pids in children.items() if parent in masters for pid in pids)


@contextmanager
def profiled(bases: list[str], work: Path) -> Iterator[Profile]:
    """Sample every worker while the block runs; the Profile is filled when it ends."""
    profile = Profile()
    spy = BIN / "py-spy"
    if not spy.exists():
        profile.error = "py-spy is not installed here (`make bench-load` installs requirements-bench.txt)"
        yield profile
        return
    recorders = []
    for pid in worker_pids(bases):
        output = work / f"profile-{pid}.txt"
        command = [str(spy), "record", "--pid", str(pid), "--rate", "100", "--format", "raw", "--output", str(output)]
        recorders.append((subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), output))  # noqa: S603
    try:
        yield profile
    finally:
        for recorder, _output in recorders:
            recorder.send_signal(signal.SIGINT)  # py-spy writes what it sampled and stops
        for recorder, output in recorders:
            _stdout, stderr = recorder.communicate(timeout=60)
            if output.exists():
                _read(output, profile)
            elif not profile.error:
                profile.error = f"py-spy could not sample a worker: {stderr.decode(errors='replace').strip()[-300:]}"


def _read(output: Path, profile: Profile) -> None:
    for line in output.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            profile.add(stack.split(";"), int(count))
    os.remove(output)
