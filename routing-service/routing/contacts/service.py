"""Recording contacts with the customer, and the automatic reply urgent online feedback gets at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseCustomerContacted
from routing.cases.models import Case
from routing.cases.timeline import record
from routing.contacts.models import CustomerContact
from routing.db import outbox
from routing.outbound.models import OutboundMessage
from routing.outbound.service import queue
from routing.replies.service import reply
from routing.settings import Settings


async def record_contact(
    *, session: AsyncSession, case: Case, channel: str, direction: str, purpose: str, outcome: str, staff_id: str,
    at: datetime, summary_sealed: str | None, template_id: str | None = None, message_id: str | None = None,
) -> CustomerContact:
    """One contact on the case and its event; one that reached the customer counts as a progress contact."""
    contact = CustomerContact(case_id=case.id, channel=channel, direction=direction, purpose=purpose, outcome=outcome,
                              staff_id=staff_id, at=at, summary_sealed=summary_sealed, template_id=template_id,
                              message_id=message_id)
    session.add(contact)
    await session.flush()
    await outbox.add(session, CaseCustomerContacted(
        case_id=case.id, occurred_at=at, contact_id=contact.id, channel=channel, direction=direction,  # type: ignore[arg-type]
        purpose=purpose, outcome=outcome, template_id=template_id, by=staff_id,  # type: ignore[arg-type]
        step="progress_contact" if outcome == "reached" else None,
    ))
    return contact


async def contacts_of(*, session: AsyncSession, case_id: str) -> list[CustomerContact]:
    return list((await session.scalars(
        select(CustomerContact).where(CustomerContact.case_id == case_id).order_by(CustomerContact.at,
                                                                                     CustomerContact.recorded_at)
    )).all())


def customer_address(case: Case) -> str | None:
    """How a message reaches the customer without routing holding their details: the gateway resolves it."""
    if case.customer_id:
        return f"customer:{case.customer_id}"
    if case.customer_masked_phone or case.customer_key:
        return f"feedback:{case.feedback_id}"
    return None


async def auto_reply(*, session: AsyncSession, case: Case, settings: Settings, at: datetime) -> OutboundMessage | None:
    """Urgent feedback that came in online is answered at once through its own channel: received, being
    handled now. It is not the first contact (a person still calls within 30 minutes)."""
    channel = settings.auto_reply_channels.get(case.channel)
    recipient = customer_address(case)
    if case.urgency != "urgent" or channel is None or recipient is None:
        return None
    wording = await reply(session=session, case=case, purpose="auto_reply", language=None, staff_id=None,
                          settings=settings)
    message = await queue(
        session=session, settings=settings, audience="customer", purpose="auto_reply", channel=channel,
        recipient=recipient, body=wording.text, case_id=case.id, language=wording.language,
        template_ids=wording.template_ids, dedupe_key=f"auto_reply:{case.id}",
    )
    if message is not None:
        await record(session, case, "auto_replied", at=at, details={"message_id": message.id, "channel": channel,
                                                                    "language": wording.language})
    return message
