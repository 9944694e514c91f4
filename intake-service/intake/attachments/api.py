"""HTTP for evidence: upload (multipart), and read back for those allowed to see the feedback."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, UploadFile, status
from fastapi.responses import Response
from sqlalchemy import select

from closeloop.auth import AuthenticatedPrincipal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from intake.admission.rates import throttled
from intake.attachments import service
from intake.attachments.models import Attachment
from intake.attachments.schemas import AttachmentOut
from intake.context import IntakeDep
from intake.feedback.models import Feedback

router = APIRouter(prefix="/v1/attachments", tags=["attachments"], dependencies=[Depends(throttled)])

Writer = Annotated[AuthenticatedPrincipal, require_scopes("feedback:write")]
Reader = Annotated[AuthenticatedPrincipal, require_scopes("feedback:read")]


@router.post(
    "", status_code=status.HTTP_201_CREATED, summary="Upload one evidence photo or video",
    responses={413: {"description": "Too large"}, 415: {"description": "Not an accepted image/video type"}},
)
async def upload_attachment(file: UploadFile, principal: Writer, session: SessionDep, ctx: IntakeDep) -> AttachmentOut:
    async with session.begin():
        attachment = await service.accept_upload(
            session=session, objects=ctx.objects, file=file.file, client_id=principal.client_id, rules=ctx.uploads
        )
    return AttachmentOut.render(attachment)


@router.get("/{attachment_id}", summary="The evidence itself", response_class=Response)
async def read_attachment(attachment_id: str, principal: Reader, session: SessionDep, ctx: IntakeDep) -> Response:
    async with session.begin():
        attachment = await session.get(Attachment, attachment_id)
        store_id = (
            await session.scalar(select(Feedback.store_id).where(Feedback.id == attachment.feedback_id))
            if attachment is not None and attachment.feedback_id
            else None
        )
    visible = attachment is not None and (
        principal.may_see_store(store_id) if store_id is not None else attachment.client_id == principal.client_id
    )
    if not visible or attachment is None:
        raise NotFound("attachment", attachment_id)
    content = await ctx.objects.read(attachment.object_key)
    return Response(
        content, media_type=attachment.content_type,
        headers={"Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"},
    )
