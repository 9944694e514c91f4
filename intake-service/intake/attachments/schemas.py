from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class AttachmentOut(BaseModel):
    """A stored piece of evidence; pass its ``id`` in a feedback's ``attachments``."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime
    url: str = ""

    @classmethod
    def render(cls, attachment: object) -> AttachmentOut:
        out = cls.model_validate(attachment)
        return out.model_copy(update={"url": f"/v1/attachments/{out.id}"})
