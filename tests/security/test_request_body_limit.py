"""A request body over the cap is refused (413) from its Content-Length, before anything reads it:
otherwise the whole body is streamed to disk before the form finds the file too large."""

import json
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from gunicorn.config import Config

from meetings.models import Attachment
from meetings.validators import ATTACHMENT_MAX_BYTES
from pmqa_portal.middleware import RequestBodyLimitMiddleware
from tests.factories import meeting_with_people

ROOT = Path(__file__).resolve().parents[2]


class UnreadableBody:
    """A WSGI input that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(facilitator, note_taker, agency_a):
    return meeting_with_people(facilitator=facilitator, note_taker=note_taker, agencies=[agency_a])


def post_oversized(client, url, **headers):
    return client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=portal",
        CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES + 1),
        **{"wsgi.input": UnreadableBody()},
        **headers,
    )


def test_an_oversized_upload_is_refused_before_its_body_is_read(client_for, note_taker, meeting):
    client = client_for(note_taker)
    response = post_oversized(client, reverse("meetings:attachment_upload", args=[meeting.pk]))
    assert response.status_code == 413
    assert "413.html" in [template.name for template in response.templates]
    content = response.content.decode()
    assert 'lang="th"' in content
    assert "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป" in content
    assert not Attachment.objects.exists()


def test_an_oversized_body_is_refused_for_a_visitor_too(client, db):
    assert post_oversized(client, reverse("login")).status_code == 413


def test_an_oversized_htmx_request_gets_a_message_in_the_page(client_for, note_taker, meeting):
    client = client_for(note_taker)
    response = post_oversized(client, reverse("meetings:attachment_upload", args=[meeting.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 413
    assert response["HX-Retarget"] == "#messages"
    assert response["HX-Reswap"] == "innerHTML"
    content = response.content.decode()
    assert "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป" in content
    assert "<html" not in content


def test_htmx_swaps_the_413_message_into_the_page(client, db):
    page = client.get(reverse("home")).content.decode()
    config = json.loads(re.search(r'name="htmx-config" content=\'([^\']+)\'', page).group(1))
    first_match = next(rule for rule in config["responseHandling"] if re.fullmatch(rule["code"], "413"))
    assert first_match["swap"] is True
    assert next(rule for rule in config["responseHandling"] if re.fullmatch(rule["code"], "404"))["swap"] is False


def test_the_413_page_in_english(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = post_oversized(client, reverse("login")).content.decode()
    assert "What you sent is too large" in content


def test_an_attachment_of_exactly_the_limit_is_still_accepted(client_for, note_taker, meeting):
    content = b"%PDF-1.4\n" + b"0" * (ATTACHMENT_MAX_BYTES - 9)
    client = client_for(note_taker)
    file = SimpleUploadedFile("รายงาน.pdf", content, content_type="application/pdf")
    response = client.post(reverse("meetings:attachment_upload", args=[meeting.pk]), {"file": file, "kind": "document"})
    assert response.status_code == 302
    assert Attachment.objects.get().size == ATTACHMENT_MAX_BYTES
    assert "รายงาน.pdf" in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("content_length", [None, "", "not-a-number", "-5", "REQUEST_BODY_MAX_BYTES"])
def test_a_body_within_the_cap_goes_on_to_the_view(content_length):
    if content_length == "REQUEST_BODY_MAX_BYTES":
        content_length = str(settings.REQUEST_BODY_MAX_BYTES)
    request = RequestFactory().post("/meetings/1/attachments/new/")
    if content_length is None:
        del request.META["CONTENT_LENGTH"]
    else:
        request.META["CONTENT_LENGTH"] = content_length
    response = RequestBodyLimitMiddleware(lambda request: HttpResponse("the view"))(request)
    assert response.content == b"the view"


def test_gunicorn_config_names_only_real_settings_and_limits_the_request_head():
    config = Config()
    loaded = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    names = {name: value for name, value in loaded.items() if not name.startswith("_")}
    assert set(names) <= set(config.settings), set(names) - set(config.settings)
    for name, value in names.items():
        config.set(name, value)
    assert config.limit_request_line and config.limit_request_fields and config.limit_request_field_size
    assert config.limit_request_fields < 100
