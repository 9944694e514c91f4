"""Accepting evidence uploads: the bytes decide the type (never the client's word), limits are enforced,
and an upload belongs to the client that made it until a feedback claims it."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO

import filetype
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import Problem
from intake.admission.errors import invalid_field
from intake.attachments.models import Attachment
from intake.attachments.storage import ObjectStore

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class UploadRules:
    max_bytes: int
    allowed_types: frozenset[str]


def sniff(head: bytes) -> str | None:
    """The media type the content itself declares (magic numbers)."""
    kind = filetype.guess(head)
    return kind.mime if kind else None


async def accept_upload(
    *, session: AsyncSession, objects: ObjectStore, file: IO[bytes], client_id: str, rules: UploadRules
) -> Attachment:
    """Check and store one upload; the row is written only after the object is safely stored."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    file.seek(0)
    while chunk := file.read(_CHUNK):
        if not head:
            head = chunk[:8192]
        size += len(chunk)
        if size > rules.max_bytes:
            raise Problem(413, "Payload Too Large", f"an attachment may be at most {rules.max_bytes} bytes")
        digest.update(chunk)
    if size == 0:
        raise invalid_field("file", "the file is empty")
    content_type = sniff(head)
    if content_type not in rules.allowed_types:
        raise Problem(
            415, "Unsupported Media Type",
            f"file: evidence must be one of {', '.join(sorted(rules.allowed_types))}",
            errors=[{"field": "file", "message": "unsupported file type", "type": "unsupported_media_type"}],
        )
    attachment_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    key = f"evidence/{now:%Y/%m/%d}/{attachment_id}"
    file.seek(0)
    await objects.put(key, file)
    attachment = Attachment(
        id=attachment_id, client_id=client_id, object_key=key, content_type=content_type,
        size_bytes=size, sha256=digest.hexdigest(), created_at=now,
    )
    session.add(attachment)
    await session.flush()
    return attachment


async def claim(*, session: AsyncSession, ids: list[str], client_id: str) -> list[Attachment]:
    """The uploads a feedback names, locked; only the uploading client's, and only ones not yet used."""
    if not ids:
        return []
    rows = {
        a.id: a
        for a in (
            await session.scalars(select(Attachment).where(Attachment.id.in_(ids)).with_for_update())
        ).all()
    }
    claimed = []
    for index, attachment_id in enumerate(ids):
        attachment = rows.get(attachment_id)
        if attachment is None or attachment.client_id != client_id:
            raise invalid_field(f"attachments.{index}", "no such upload; upload evidence with POST /v1/attachments")
        if attachment.feedback_id is not None:
            raise invalid_field(f"attachments.{index}", "this upload already belongs to another feedback")
        claimed.append(attachment)
    return claimed


async def purge_orphans(*, session: AsyncSession, objects: ObjectStore, older_than: timedelta) -> int:
    """Uploads no feedback claimed within ``older_than`` are deleted, object and row."""
    cutoff = datetime.now(UTC) - older_than
    orphans = (
        await session.scalars(
            select(Attachment).where(Attachment.feedback_id.is_(None), Attachment.created_at < cutoff).limit(500)
        )
    ).all()
    for attachment in orphans:
        await objects.delete(attachment.object_key)
    if orphans:
        await session.execute(delete(Attachment).where(Attachment.id.in_([a.id for a in orphans])))
    return len(orphans)
