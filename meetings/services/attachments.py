"""Attachments of a meeting, stored through Django's storage API."""

import os

from django.db import transaction

from meetings.models import Attachment, AttachmentKind, Meeting
from meetings.validators import detected_content_type


@transaction.atomic
def attachment_upload(*, meeting: Meeting, by, file, kind=AttachmentKind.DOCUMENT, title: str = "") -> Attachment:
    """Store a checked file (type, size and content, by the field's validator) under the meeting's folder."""
    attachment = Attachment(
        meeting=meeting,
        file=file,
        original_name=os.path.basename(file.name)[:255],
        title=title,
        kind=kind,
        size=file.size,
        uploaded_by=by,
    )
    attachment.full_clean(exclude=["content_type"])
    attachment.content_type = detected_content_type(file.name)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment) -> None:
    """Delete the record, then the stored file once the deletion is committed."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
