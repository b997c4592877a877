"""Attachments: type and size limits, a permission-checked download, deletion."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Attachment
from meetings.validators import ATTACHMENT_MAX_BYTES

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pptx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, meeting, name, content, content_type, kind="document"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("meetings:attachment_upload", args=[meeting.pk]), {"file": file, "kind": kind})


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("สไลด์.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("slides.pptx", pptx_bytes(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("unknown-type.pdf", PDF, "application/octet-stream"),
    ],
)
def test_note_taker_attaches_an_allowed_file(client_for, note_taker, meeting, name, content, content_type):
    response = upload(client_for(note_taker), meeting, name, content, content_type)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == name and attachment.size == len(content)
    assert attachment.file.name.startswith(f"meetings/{meeting.pk}/")


def test_an_oversized_file_is_refused_with_a_thai_message(client_for, note_taker, meeting):
    content = PDF + b"0" * ATTACHMENT_MAX_BYTES
    response = upload(client_for(note_taker), meeting, "big.pdf", content, "application/pdf")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert "เกินขนาดสูงสุด" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_wrong_type_is_refused(client_for, note_taker, meeting):
    response = upload(client_for(note_taker), meeting, "run.exe", b"MZ\x90\x00", "application/x-msdownload")
    assert "ไม่สามารถแนบไฟล์ชนิดนี้ได้" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_declared_type_that_does_not_match_the_name_is_refused(client_for, note_taker, meeting):
    response = upload(client_for(note_taker), meeting, "slides.pdf", PDF, "text/html")
    assert "ไม่ตรงกับนามสกุล" in response.content.decode()
    assert not Attachment.objects.exists()


def test_content_that_is_not_what_the_name_says_is_refused(client_for, note_taker, meeting):
    response = upload(client_for(note_taker), meeting, "fake.pdf", b"<html><script>", "application/pdf")
    assert "ไม่ใช่ไฟล์ PDF ที่ถูกต้อง" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_zip_renamed_docx_is_refused(client_for, note_taker, meeting):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    response = upload(client_for(note_taker), meeting, "report.docx", buffer.getvalue(), "application/octet-stream")
    assert "file" in response.context["form"].errors


def test_an_observer_cannot_attach(client_for, observer, meeting):
    assert upload(client_for(observer), meeting, "a.pdf", PDF, "application/pdf").status_code == 403


def test_download_checks_the_permission(client_for, note_taker, officer_a, officer_b, meeting):
    upload(client_for(note_taker), meeting, "สรุป.pdf", PDF, "application/pdf")
    attachment = Attachment.objects.get()
    url = reverse("meetings:attachment_download", args=[attachment.pk])
    response = client_for(officer_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert client_for(officer_b).get(url).status_code == 403


def test_the_uploader_deletes_and_the_file_goes(client_for, note_taker, meeting, django_capture_on_commit_callbacks):
    client = client_for(note_taker)
    upload(client, meeting, "a.pdf", PDF, "application/pdf")
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_an_officer_cannot_delete_an_attachment(client_for, note_taker, officer_a, meeting):
    upload(client_for(note_taker), meeting, "a.pdf", PDF, "application/pdf")
    attachment = Attachment.objects.get()
    response = client_for(officer_a).post(reverse("meetings:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 403
    assert Attachment.objects.exists()
