"""Receiving feedback: validate, find the customer, spot near-duplicates, number, store and announce,
all in the caller's transaction."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from closeloop.contracts.feedback import CustomerRef, FeedbackMerged, FeedbackReceived, ItemRef, Location
from closeloop.problems import Conflict, NotFound
from intake.admission.errors import invalid_field
from intake.attachments import service as attachments
from intake.customers import service as customers
from intake.customers.models import Customer
from intake.db import outbox
from intake.duplicates import service as duplicates
from intake.duplicates.similarity import DuplicatePolicy
from intake.feedback.models import Feedback
from intake.feedback.numbering import NUMBER_PATTERN, next_number
from intake.feedback.schemas import FeedbackIn
from intake.feedback.text import normalise
from intake.privacy.masking import scrub_text
from intake.privacy.sealing import Sealer
from intake.stores import service as stores


@dataclass(frozen=True)
class Submitter:
    """Who handed the feedback in: the API client and the person or terminal behind the token."""

    client_id: str
    subject: str


@dataclass(frozen=True)
class IntakeRules:
    """The business rules the settings configure."""

    zone: ZoneInfo
    clock_skew: timedelta
    store_check: bool
    duplicates: DuplicatePolicy
    known_stores: stores.KnownStores = field(default_factory=stores.KnownStores)


def _occurred_at(value: datetime | None, *, rules: IntakeRules, received_at: datetime) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=rules.zone)
    if value > received_at + rules.clock_skew:
        raise invalid_field("occurred_at", "lies in the future", type_="future_timestamp")
    return value.replace(microsecond=0)


async def receive(
    *,
    session: AsyncSession,
    submission: FeedbackIn,
    submitter: Submitter,
    sealer: Sealer,
    rules: IntakeRules,
    feedback_id: str | None = None,
) -> Feedback:
    """Store one feedback exactly as given (personal data sealed) and announce it, or link it to its original."""
    received_at = datetime.now(UTC).replace(microsecond=0)
    occurred_at = _occurred_at(submission.occurred_at, rules=rules, received_at=received_at)
    if rules.store_check:
        await stores.ensure_known(session=session, store_id=submission.store_id, known=rules.known_stores)
    if submission.external_ref is not None:
        await _ensure_new_external_ref(session=session, channel=submission.channel, external_ref=submission.external_ref)
    customer = await customers.identify(session=session, details=submission.customer, sealer=sealer)
    evidence = await attachments.claim(session=session, ids=submission.attachments, client_id=submitter.client_id)

    masked = scrub_text(submission.content)
    normalised = normalise(masked)
    feedback = Feedback(
        id=feedback_id or str(uuid.uuid4()),
        channel=submission.channel,
        store_id=submission.store_id,
        location=submission.location.model_dump(exclude_none=True) if submission.location else None,
        content=masked,
        content_sealed=sealer.seal(submission.content) if masked != submission.content else None,
        normalized_content=normalised,
        kind=submission.kind,
        occurred_at=occurred_at,
        rating=submission.rating,
        items=[i.model_dump(exclude_none=True) for i in submission.items],
        customer_id=customer.id if customer else None,
        order_ref=submission.order_ref,
        receipt_no=submission.receipt_no,
        external_ref=submission.external_ref,
        language=submission.language,
        status="received",
        client_id=submitter.client_id,
        submitted_by=submitter.subject,
        survey_rounds=1,
        received_at=received_at,
    )
    original = await duplicates.find_original(
        session=session, feedback=feedback, policy=rules.duplicates, now=received_at
    )
    if original is not None:
        feedback.duplicate_of, feedback.duplicate_score = original
        feedback.status = "merged"

    feedback.number = await next_number(session=session, at=received_at, zone=rules.zone)
    feedback.customer = customer
    feedback.attachments = evidence
    session.add(feedback)
    try:
        await session.flush()
    except IntegrityError as exc:
        if "uq_feedback_channel_external_ref" not in str(exc.orig):
            raise
        # a concurrent twin with the same external_ref won the race
        raise Conflict("a feedback with this external_ref already exists for the channel") from exc
    await outbox.add(session, _announcement(feedback, customer))
    return feedback


async def _ensure_new_external_ref(*, session: AsyncSession, channel: str, external_ref: str) -> None:
    """A partner platform sending the same review twice gets told where the first one went."""
    existing = await session.scalar(
        select(Feedback.id).where(Feedback.channel == channel, Feedback.external_ref == external_ref)
    )
    if existing is not None:
        raise Conflict(
            "a feedback with this external_ref already exists for the channel",
            existing_id=existing, errors=[{"field": "external_ref", "message": "already received", "type": "duplicate"}],
        )


def customer_ref(customer: Customer | None) -> CustomerRef:
    """The customer as events show them: an id, a masked phone, a keyed hash; never clear personal data."""
    if customer is None:
        return CustomerRef()
    return CustomerRef(
        customer_id=customer.id,
        masked_phone=customer.phone_masked,
        phone_hash=customer.phone_hash,
        member_id=customer.member_id,
        tier=customer.tier,  # type: ignore[arg-type]
        special_needs=customer.special_needs,
    )


def _announcement(feedback: Feedback, customer: Customer | None) -> FeedbackReceived | FeedbackMerged:
    if feedback.duplicate_of is not None:
        return FeedbackMerged(
            feedback_id=feedback.id,
            number=feedback.number,
            duplicate_of=feedback.duplicate_of,
            channel=feedback.channel,  # type: ignore[arg-type]
            store_id=feedback.store_id,
            received_at=feedback.received_at,
            customer=customer_ref(customer),
            content=feedback.content,
            kind=feedback.kind,  # type: ignore[arg-type]
            similarity=feedback.duplicate_score,
        )
    return FeedbackReceived(
        feedback_id=feedback.id,
        number=feedback.number,
        channel=feedback.channel,  # type: ignore[arg-type]
        store_id=feedback.store_id,
        content=feedback.content,
        language=feedback.language,
        kind=feedback.kind,  # type: ignore[arg-type]
        location=Location(**feedback.location) if feedback.location else None,
        occurred_at=feedback.occurred_at,
        received_at=feedback.received_at,
        rating=feedback.rating,
        items=[ItemRef(**i) for i in feedback.items],
        customer=customer_ref(customer),
        attachment_count=len(feedback.attachments),
        external_ref=feedback.external_ref,
        normalized_content=feedback.normalized_content,
        order_ref=feedback.order_ref,
        receipt_no=feedback.receipt_no,
        attachment_ids=[a.id for a in feedback.attachments],
    )


def _with_details(stmt: Select[tuple[Feedback]]) -> Select[tuple[Feedback]]:
    return stmt.options(selectinload(Feedback.customer), selectinload(Feedback.attachments))


async def get(*, session: AsyncSession, reference: str, store_ids: frozenset[str] | None) -> Feedback:
    """A feedback by id or by number; another store's feedback does not exist for a store-bound caller."""
    column = Feedback.number if NUMBER_PATTERN.match(reference) else Feedback.id
    feedback = await session.scalar(_with_details(select(Feedback).where(column == reference)))
    if feedback is None or (store_ids is not None and feedback.store_id not in store_ids):
        raise NotFound("feedback", reference)
    return feedback


async def get_many(*, session: AsyncSession, ids: Sequence[str]) -> dict[str, Feedback]:
    rows = await session.scalars(_with_details(select(Feedback).where(Feedback.id.in_(list(ids)))))
    return {f.id: f for f in rows}


@dataclass(frozen=True)
class Filters:
    store_id: str | None = None
    channel: str | None = None
    kind: str | None = None
    status: str | None = None
    customer_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def encode_cursor(number: str) -> str:
    return base64.urlsafe_b64encode(number.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        number = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except ValueError:
        number = ""
    if not NUMBER_PATTERN.match(number):
        raise invalid_field("query.cursor", "not a cursor this API handed out")
    return number


async def browse(
    *, session: AsyncSession, filters: Filters, store_ids: frozenset[str] | None, cursor: str | None, limit: int
) -> tuple[list[Feedback], str | None]:
    """Newest first, by number (numbers sort in time order); the cursor is the last number seen."""
    stmt = select(Feedback)
    if store_ids is not None:
        stmt = stmt.where(Feedback.store_id.in_(sorted(store_ids)))
    for column, value in (
        (Feedback.store_id, filters.store_id), (Feedback.channel, filters.channel), (Feedback.kind, filters.kind),
        (Feedback.status, filters.status), (Feedback.customer_id, filters.customer_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.since is not None:
        stmt = stmt.where(Feedback.received_at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(Feedback.received_at < filters.until)
    if cursor is not None:
        stmt = stmt.where(Feedback.number < decode_cursor(cursor))
    rows = list((await session.scalars(_with_details(stmt.order_by(Feedback.number.desc()).limit(limit + 1)))).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].number) if more and rows else None



