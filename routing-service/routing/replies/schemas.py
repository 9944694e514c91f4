from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["zh-Hant", "zh-Hans", "en"]
CustomerPurpose = Literal["acknowledgement", "progress", "result", "auto_reply"]


class TemplateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=2000)


class TemplateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    purpose: str
    language: str
    audience: str
    body: str
    placeholders: list[str] = Field(description="The placeholders this purpose offers.")
    version: int
    updated_at: datetime
    updated_by: str | None


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    purpose: CustomerPurpose
    language: Language | None = Field(default=None, description="Default: the feedback's language, else the store's.")


class ReplyOut(BaseModel):
    text: str
    language: str
    template_ids: list[str] = Field(description="Greeting, body and closing templates used, as <id>@<version>.")
