"""Attachment limits: size, and the type checked three ways (extension, declared type, content)."""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

# extension → (accepted declared content types, what the first bytes must show)
_OOXML = "application/vnd.openxmlformats-officedocument"
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", {"application/pdf", "application/x-pdf"}),
    ".pptx": (f"{_OOXML}.presentationml.presentation", {f"{_OOXML}.presentationml.presentation"}),
    ".docx": (f"{_OOXML}.wordprocessingml.document", {f"{_OOXML}.wordprocessingml.document"}),
    ".xlsx": (f"{_OOXML}.spreadsheetml.sheet", {f"{_OOXML}.spreadsheetml.sheet"}),
    ".jpg": ("image/jpeg", {"image/jpeg", "image/pjpeg"}),
    ".jpeg": ("image/jpeg", {"image/jpeg", "image/pjpeg"}),
    ".png": ("image/png", {"image/png"}),
}
# Browsers send this when they do not know a type; the content check then decides.
_UNKNOWN_TYPES = {"", "application/octet-stream"}
_OOXML_FOLDER = {".pptx": "ppt/", ".docx": "word/", ".xlsx": "xl/"}


def allowed_extensions_label() -> str:
    return "PDF, PPTX, DOCX, XLSX, JPG, PNG"


def _content_matches(extension: str, upload) -> bool:
    """Whether the file's first bytes are what its extension promises."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        if extension == ".pdf":
            return head.startswith(b"%PDF")
        if extension in (".jpg", ".jpeg"):
            return head.startswith(b"\xff\xd8\xff")
        if extension == ".png":
            return head.startswith(b"\x89PNG\r\n\x1a\n")
        if not head.startswith(b"PK\x03\x04"):
            return False
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return False
        folder = _OOXML_FOLDER[extension]
        return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)
    finally:
        upload.seek(position)


def detected_content_type(name: str) -> str:
    return ALLOWED_TYPES[os.path.splitext(name)[1].lower()][0]


def validate_attachment(upload) -> None:
    """Reject a file over 10 MB or not a PDF, PPTX, DOCX, XLSX, JPG or PNG."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(ATTACHMENT_MAX_BYTES)},
        )
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(types)s."),
            code="wrong_type",
            params={"types": allowed_extensions_label()},
        )
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    accepted = ALLOWED_TYPES[extension][1]
    # An already stored file has no declared type; its content is checked below.
    if declared not in _UNKNOWN_TYPES and declared not in accepted:
        raise ValidationError(
            _("The file's type (%(declared)s) does not match its name (%(extension)s)."),
            code="type_mismatch",
            params={"declared": declared, "extension": extension},
        )
    if not _content_matches(extension, upload):
        raise ValidationError(
            _("The file's content is not a valid %(extension)s file."),
            code="bad_content",
            params={"extension": extension.lstrip(".").upper()},
        )
