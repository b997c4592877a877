"""Many people pressing the same button at once.

Each thread is a browser of its own (a test client signed in as the user) and
talks to the database over its own connection, as the requests of a real
server do. The threads wait for one another and then post together. The
database must be one that every thread reaches: the `shared_database` fixture
of tests/security/conftest.py.
"""

import threading
from dataclasses import dataclass

from django.db import connections
from django.test import Client
from django.utils.html import escape

TIMES = 10


@dataclass
class Answer:
    status: int
    page: str
    error: BaseException | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or self.status >= 500


def post_at_once(user, url: str, data=None, *, times: int = TIMES, follow: bool = True) -> list[Answer]:
    """POST the same form `times` times at the same instant, as `user`; every answer, in no particular order.

    `data` is a dict, or a function that makes one for each post (a file to upload is read once).
    With `follow`, each browser then loads the page it is sent to, as a browser does.
    """
    clients = []
    for _ in range(times):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(times)
    answers: list[Answer] = []
    lock = threading.Lock()

    def press(client):
        form = data() if callable(data) else data
        try:
            start.wait()
            response = client.post(url, form or {}, follow=follow)
            answer = Answer(response.status_code, response.content.decode())
        except BaseException as error:  # noqa: BLE001 - the test reports it
            answer = Answer(0, "", error)
        finally:
            connections.close_all()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=press, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == times, "a request never answered"
    return answers


def failures(answers: list[Answer]) -> list[str]:
    """What went wrong, for the assertion message: the status, or the exception."""
    return [repr(answer.error) if answer.error else f"{answer.status}" for answer in answers if answer.failed]


def says(answer: Answer, text: str) -> bool:
    """Whether the page the browser ended on shows the text (a message, in Thai), as the template escapes it."""
    return escape(text) in answer.page
