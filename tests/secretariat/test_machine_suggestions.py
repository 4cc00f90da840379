"""Machine suggestions in the editor, against a small LibreTranslate-like server the test runs itself."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from secretariat.models import Agreement
from tests.fixtures.agreements import make_agreement

SERVICE_DOWN = "The translation service gave no suggestion. Translate it yourself."


class Service(BaseHTTPRequestHandler):
    """Answers as the server's `mode` says; remembers what it was asked."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.asked.append((self.path, json.loads(body)))
        mode = self.server.mode
        if mode == "slow":
            time.sleep(1)
        status, answer = {
            "ok": (200, json.dumps({"translatedText": "河流清洁协议"})),
            "error": (500, json.dumps({"error": "broken"})),
            "malformed": (200, "{not json"),
            "slow": (200, json.dumps({"translatedText": "too late"})),
        }[mode]
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer.encode())
        except OSError:  # the editor stopped waiting
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def service(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    server.mode, server.asked = "ok", []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MACHINE_TRANSLATION_URL = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.MACHINE_TRANSLATION_TIMEOUT = 0.3
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def editor(client, demo_user) -> str:
    agreement = make_agreement(demo_user("secretariat-seoul").person.council, title="Agreement on river cleaning")
    agreement.versions.all().delete()
    client.force_login(demo_user("secretariat-seoul"))
    return reverse("translations:edit", args=["secretariat.agreement", agreement.pk, "title", "zh-hans"])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_no_button_unless_configured(client, editor, settings):
    settings.MACHINE_TRANSLATION_URL = ""
    response = client.get(editor, {"suggest": "1"})
    assert "Suggest a translation" not in response.content.decode()
    assert response.context["form"]["text"].value() in (None, "")


def test_a_suggestion_fills_the_editor_marked_as_such(client, editor, service):
    response = client.get(editor, {"suggest": "1"})

    assert service.asked == [
        ("/translate", {"q": "Agreement on river cleaning", "source": "en", "target": "zh", "format": "text"})
    ]
    assert response.context["form"]["text"].value() == "河流清洁协议"
    body = response.content.decode()
    assert "Machine suggestion — check it before saving." in body
    assert "Suggest a translation" in body
    assert not Agreement.objects.get(pk=response.context["record"].pk).versions.exists()  # saved only by a person


@pytest.mark.parametrize("mode", ["error", "malformed", "slow"])
def test_a_failing_service_leaves_the_editor_usable(client, editor, service, mode):
    service.mode = mode

    response = client.get(editor, {"suggest": "1"})

    assert response.status_code == 200
    assert messages_of(response) == [SERVICE_DOWN]
    assert response.context["form"]["text"].value() in (None, "")
    assert "Machine suggestion" not in response.content.decode()


def test_a_service_that_is_not_there_leaves_the_editor_usable(client, editor, service, settings):
    settings.MACHINE_TRANSLATION_URL = "http://127.0.0.1:9/"  # the discard port: nothing listens
    response = client.get(editor, {"suggest": "1"})
    assert (response.status_code, messages_of(response)) == (200, [SERVICE_DOWN])
