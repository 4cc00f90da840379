"""A Celery worker as a subprocess on a queue of its own, for the worker tests and `make bench`.

The worker (and the beat) runs in a process group (and session) of its own: the terminal's Ctrl-C does not reach it,
and kill() takes its pool with it at once (SIGKILL, as a crash would). Callers kill it in a finally
or a fixture's teardown, so none is left running.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings

from config.celery import app


def database_url(database: dict) -> str:
    """DATABASE_URL for a PostgreSQL database of settings.DATABASES (in a test: the test database)."""
    user, password = quote(database.get("USER") or "", safe=""), quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{database.get('HOST') or 'localhost'}{port}/{quote(database['NAME'], safe='')}"


def purge(queue: str) -> int:
    """Drop what waits in the queue (a previous run's leftovers)."""
    with app.connection_for_write() as connection:
        return connection.default_channel.queue_purge(queue) or 0


def unacked(queue: str) -> list[float]:
    """When each task taken from the queue and not acknowledged (yet) was taken: kombu's Redis bookkeeping
    (tag → [message, exchange, routing key] in "unacked", tag → time in "unacked_index")."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    taken = dict(client.zrange("unacked_index", 0, -1, withscores=True))
    return [taken.get(tag, 0.0) for tag, value in client.hgetall("unacked").items() if json.loads(value)[2] == queue]


def forget(queue: str, *, bindings: bool = True) -> None:
    """Once the queue's last worker is gone: its messages, and its tasks taken and never acknowledged
    (a worker killed right after a send), which any worker starting later would put back; then, unless
    the queue is one every process shares (the default queue), its bindings and its workers' mailboxes."""
    purge(queue)
    client = redis.Redis.from_url(settings.REDIS_URL)
    for tag, value in client.hgetall("unacked").items():
        if json.loads(value)[2] == queue:
            client.pipeline().hdel("unacked", tag).zrem("unacked_index", tag).execute()
    if not bindings:
        return
    client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    # The workers' control mailboxes (their node names start with the queue's name: see the callers).
    mailboxes = [member for member in client.smembers("_kombu.binding.celery.pidbox") if queue.encode() in member]
    if mailboxes:
        client.srem("_kombu.binding.celery.pidbox", *mailboxes)


class _CeleryProcess:
    """A `celery -A config …` subprocess in a session of its own, its output in `log_path`."""

    process: subprocess.Popen | None = None
    log_path: Path

    def _popen(self, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        with open(self.log_path, "ab") as log:
            return subprocess.Popen(  # noqa: S603 (our own command line)
                command, cwd=settings.BASE_DIR, env={**os.environ, **env},
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL to the whole group, then wait until none of its processes is left."""
        if self.process is None:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                break
            self.process.poll()  # reap the leader; its pool processes are reaped by init
            time.sleep(0.02)
        self.process.wait(timeout=5)

    def log(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


class BeatProcess(_CeleryProcess):
    """`celery -A config beat` with its schedule file at `schedule_path`, and `env` on top of this
    process's environment (REMINDER_SWEEP_SECONDS: how often it sends the sweep)."""

    def __init__(self, *, env: dict[str, str], log_path: Path, schedule_path: Path):
        self.env, self.log_path, self.schedule_path = env, log_path, schedule_path
        self.name = "beat"

    def start(self) -> "BeatProcess":
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "--loglevel=INFO",
            "-s",
            str(self.schedule_path),
        ]
        self.process = self._popen(command, self.env)
        return self


class WorkerProcess(_CeleryProcess):
    """`celery -A config worker` consuming only `queue` (or several: "first,second", taken in that order
    on Redis), with `env` on top of this process's environment."""

    def __init__(self, *, queue: str, name: str, env: dict[str, str], log_path: Path, concurrency: int = 1):
        self.queue, self.env, self.log_path, self.concurrency = queue, env, log_path, concurrency
        self.name = f"{name}@localhost"  # the node name: control commands (ping, stats) address it
        self.process: subprocess.Popen | None = None

    def start(self) -> "WorkerProcess":
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO", "-n", self.name,
            f"--concurrency={self.concurrency}", "--without-heartbeat", "--without-mingle", "--without-gossip",
            "-Q", self.queue,
        ]  # fmt: skip
        self.process = self._popen(command, self.env)
        return self

    def wait_ready(self, timeout: float = 30) -> "WorkerProcess":
        """Until the worker answers a ping: it consumes its queue from then on."""
        deadline = time.monotonic() + timeout
        while not app.control.ping(destination=[self.name], timeout=0.5):
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker exited ({self.process.returncode}) before it was ready:\n{self.log()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"The worker did not answer a ping within {timeout} s:\n{self.log()}")
        return self

    def executed(self, task_name: str) -> int:
        """How many tasks of this name the worker has run (its stats; 0 when it does not answer)."""
        replies = app.control.inspect(destination=[self.name], timeout=1).stats() or {}
        return replies.get(self.name, {}).get("total", {}).get(task_name, 0)
