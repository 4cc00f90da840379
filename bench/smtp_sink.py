"""An SMTP server in a thread that keeps what it receives, for the worker tests and `make bench`.

Development only: aiosmtpd comes with requirements-dev.txt, and nothing the app imports at startup
imports this module (the tests, the bench_reminders command and .ci/smoke do, when they run).

Besides accepting mail it can refuse a recipient (always, or only the first time: a permanent 550 or
a transient 451) and hold one: the first session that names the trapped address in RCPT TO gets no
answer until the test releases it, so the sending worker is caught mid-send. It counts the sessions
opened (a message refused before any connection opens none), and can run a callable at the moment it
accepts a message, before the sender hears so (a database outage between acceptance and the row's
commit).
"""

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Received:
    message_id: str
    recipients: tuple[str, ...]


class _Controller(Controller):
    """aiosmtpd's controller on a port the system picks (port 0), which it cannot do by itself."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpSink:
    """`with SmtpSink() as sink:` then send to `sink.url`; `sink.received` is what arrived, in order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._refusals: list[tuple[str, int]] = []
        self._refuse: dict[str, str] = {}  # address → reply, every time
        self._refuse_once: dict[str, str] = {}  # address → reply, the first time only
        self._trap: str | None = None
        self._on_accept: Callable[[], None] | None = None
        self._sessions = 0
        self.trap_hit = threading.Event()
        self._trap_released = threading.Event()
        # A fixed name: by default aiosmtpd looks up the host's FQDN for every connection.
        self._controller = _Controller(_Handler(self), hostname=HOST, port=0, server_hostname="smtp-sink.localhost")

    # Life ----------------------------------------------------------------------------------------

    def start(self) -> "SmtpSink":
        # aiosmtpd logs every connection at INFO: thousands of lines in a bench.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self._controller.start()
        return self

    def stop(self) -> None:
        self.release_trap()  # a held session waits in a thread of the loop's executor
        self._controller.stop()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._controller.port

    @property
    def url(self) -> str:
        """For EMAIL_URL (django-environ)."""
        return f"smtp://{HOST}:{self.port}"

    # What it does --------------------------------------------------------------------------------

    def refuse(self, address: str, reply: str = "550 5.1.1 No such mailbox") -> None:
        with self._lock:
            self._refuse[address] = reply

    def refuse_once(self, address: str, reply: str = "451 4.3.0 Try again later") -> None:
        with self._lock:
            self._refuse_once[address] = reply

    def set_trap(self, address: str) -> None:
        """Hold the first session that names this recipient, without a reply, until release_trap()."""
        with self._lock:
            self._trap = address
        self.trap_hit.clear()
        self._trap_released.clear()

    def release_trap(self) -> None:
        self._trap_released.set()

    def on_next_accept(self, action: Callable[[], None]) -> None:
        """Run `action` once, when the next message has been received and before it is acknowledged."""
        with self._lock:
            self._on_accept = action

    # What it saw ---------------------------------------------------------------------------------

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def message_ids(self) -> list[str]:
        return [message.message_id for message in self.received]

    def count(self) -> int:
        with self._lock:
            return len(self._received)

    @property
    def sessions(self) -> int:
        """How many SMTP sessions were opened (greeted with EHLO or HELO)."""
        with self._lock:
            return self._sessions

    @property
    def refusals(self) -> list[tuple[str, int]]:
        """(address, reply code) of each refused RCPT, in order."""
        with self._lock:
            return list(self._refusals)

    # Called by the handler, in the server's thread -----------------------------------------------

    def _decide(self, address: str) -> tuple[str | None, bool]:
        """The refusal to answer with (None: accept), and whether to hold this session first."""
        with self._lock:
            hold = address == self._trap
            if hold:
                self._trap = None  # only the first session; after the release the trap is off
            reply = self._refuse.get(address) or self._refuse_once.pop(address, None)
            if reply:
                self._refusals.append((address, int(reply[:3])))
        return reply, hold

    def _keep(self, message: Received) -> Callable[[], None] | None:
        """Keep the message; returns the action to run before acknowledging it, if one is set."""
        with self._lock:
            self._received.append(message)
            action, self._on_accept = self._on_accept, None
        return action

    def _greeted(self) -> None:
        with self._lock:
            self._sessions += 1


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink
        self.parser = BytesHeaderParser()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply, hold = self.sink._decide(address)
        if hold:
            self.sink.trap_hit.set()
            await asyncio.get_running_loop().run_in_executor(None, self.sink._trap_released.wait)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.sink._greeted()
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        session.host_name = hostname
        self.sink._greeted()
        return f"250 {server.hostname}"

    async def handle_DATA(self, server, session, envelope):
        headers = self.parser.parsebytes(envelope.original_content or envelope.content)
        action = self.sink._keep(Received(headers.get("Message-ID", "").strip(), tuple(envelope.rcpt_tos)))
        if action:
            await asyncio.get_running_loop().run_in_executor(None, action)
        return "250 Message accepted for delivery"
