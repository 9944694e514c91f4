"""Telling staff about a new case: the work group sees every one, the supervisor is alerted to an urgent one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from routing.assignment.service import people_in_role
from routing.cases.models import Case
from routing.cases.timeline import record
from routing.org.models import Staff
from routing.outbound.service import queue
from routing.replies.service import notice
from routing.settings import Settings


async def announce(*, session: AsyncSession, case: Case, settings: Settings, at: datetime) -> None:
    """The work group hears of each new case: category, urgency, a summary of labels; no personal data."""
    wording = await notice(session=session, case=case, purpose="announcement", language=settings.work_group_language)
    message = await queue(
        session=session, settings=settings, audience="work_group", purpose="announcement",
        channel=settings.work_group_channel, recipient=f"group:{settings.work_group_id}", body=wording.text,
        case_id=case.id, language=wording.language, template_ids=wording.template_ids,
        dedupe_key=f"announcement:{case.id}",
    )
    if message is not None:
        await record(session, case, "announced", at=at, details={"message_id": message.id,
                                                                 "work_group": settings.work_group_id})


async def alert_supervisor(*, session: AsyncSession, case: Case, settings: Settings, at: datetime) -> list[str]:
    """An urgent case reaches the supervisor (客服主管) the moment it opens, not only when a clock slips."""
    holder = await session.get(Staff, case.assignee_id) if case.assignee_id else None
    if holder is not None and holder.role == "supervisor":
        supervisors = [holder]
    else:
        supervisors = [s for s in await people_in_role(session=session, store_id=case.store_id, role="supervisor")
                       if s.on_shift][:1] or (await people_in_role(session=session, store_id=case.store_id,
                                                                   role="supervisor"))[:1]
    wording = await notice(session=session, case=case, purpose="supervisor_alert", language=settings.work_group_language)
    alerted = []
    for supervisor in supervisors:
        message = await queue(
            session=session, settings=settings, audience="staff", purpose="supervisor_alert",
            channel=settings.supervisor_alert_channel, recipient=f"staff:{supervisor.id}", body=wording.text,
            case_id=case.id, language=wording.language, template_ids=wording.template_ids,
            dedupe_key=f"supervisor_alert:{case.id}:{case.urgency}:{supervisor.id}",
        )
        if message is not None:
            alerted.append(supervisor.id)
    if alerted:
        await record(session, case, "supervisor_alerted", at=at, details={"staff_ids": alerted})
    return alerted
