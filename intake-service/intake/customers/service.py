"""Finding a customer again without decrypting anyone, and erasing them on request (PIPL right to deletion)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.feedback import FeedbackPiiErased
from closeloop.problems import NotFound
from intake.customers.models import Customer
from intake.customers.schemas import CustomerIn, CustomerLookup
from intake.db import advisory_lock, outbox
from intake.feedback.models import Feedback
from intake.privacy.masking import erase_masked, mask_email, mask_name, mask_phone
from intake.privacy.sealing import Sealer
from intake.surveys.models import SurveyResponse


@dataclass(frozen=True)
class Identity:
    """The keyed hashes and ids a customer can be found by, strongest first."""

    phone_hash: str | None
    member_id: str | None
    email_hash: str | None

    def lock_names(self) -> list[str]:
        names = [
            f"customer:phone:{self.phone_hash}" if self.phone_hash else None,
            f"customer:member:{self.member_id}" if self.member_id else None,
            f"customer:email:{self.email_hash}" if self.email_hash else None,
        ]
        return sorted(n for n in names if n)


def identity_of(details: CustomerIn | CustomerLookup, sealer: Sealer) -> Identity:
    return Identity(
        phone_hash=sealer.fingerprint("phone", details.phone) if details.phone else None,
        member_id=details.member_id,
        email_hash=sealer.fingerprint("email", details.email) if details.email else None,
    )


async def find(*, session: AsyncSession, identity: Identity) -> Customer | None:
    """The living customer with this phone, else member id, else e-mail."""
    for column, value in (
        (Customer.phone_hash, identity.phone_hash),
        (Customer.member_id, identity.member_id),
        (Customer.email_hash, identity.email_hash),
    ):
        if value is None:
            continue
        found = await session.scalar(
            select(Customer)
            .where(column == value, Customer.erased_at.is_(None))
            .order_by(Customer.created_at)
            .limit(1)
        )
        if found is not None:
            return found
    return None


async def identify(*, session: AsyncSession, details: CustomerIn | None, sealer: Sealer) -> Customer | None:
    """The customer behind a feedback, found by keyed hash or registered; None when they stayed anonymous.

    The identity's advisory locks stay held until commit, so two submissions of one new customer
    register them once, and their duplicate check sees each other.
    """
    if details is None or not details.identifies_someone():
        return None
    identity = identity_of(details, sealer)
    if identity.phone_hash and not identity.member_id and not identity.email_hash:
        return await _upsert_by_phone(session=session, details=details, identity=identity, sealer=sealer)
    for name in identity.lock_names():
        await advisory_lock(session, name)
    customer = await find(session=session, identity=identity) if identity.lock_names() else None
    if customer is None:
        customer = Customer(special_needs=False)
        session.add(customer)
    _remember(customer, details, identity, sealer)
    await session.flush()
    return customer


async def _upsert_by_phone(
    *, session: AsyncSession, details: CustomerIn, identity: Identity, sealer: Sealer
) -> Customer:
    """The common case (a phone and nothing else to match on) in one statement; the conflicting row's
    lock, held until commit, serialises two submissions of one customer just as the advisory lock does."""
    assert details.phone is not None
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "id": str(uuid.uuid4()), "phone_hash": identity.phone_hash, "phone_sealed": sealer.seal(details.phone),
        "phone_masked": mask_phone(details.phone), "special_needs": details.special_needs, "updated_at": now,
        "name_sealed": sealer.seal(details.name) if details.name else None,
        "name_masked": mask_name(details.name) if details.name else None,
        "gender": details.gender, "age_range": details.age_range, "tier": details.tier,
    }
    stmt = insert(Customer).values(**values)
    keep_earlier = ("name_sealed", "name_masked", "gender", "age_range", "tier")
    stmt = stmt.on_conflict_do_update(
        index_elements=[Customer.phone_hash],
        index_where=Customer.phone_hash.is_not(None),
        set_={
            "phone_sealed": stmt.excluded.phone_sealed,
            "updated_at": stmt.excluded.updated_at,
            "special_needs": Customer.special_needs | stmt.excluded.special_needs,
            **{f: func.coalesce(stmt.excluded[f], getattr(Customer, f)) for f in keep_earlier},
        },
    ).returning(Customer)
    result = await session.execute(stmt, execution_options={"populate_existing": True})
    return result.scalar_one()


def _remember(customer: Customer, details: CustomerIn, identity: Identity, sealer: Sealer) -> None:
    """Keep what the customer told us this time; fields they left out keep their earlier value."""
    if details.phone:
        customer.phone_hash = identity.phone_hash
        customer.phone_sealed = sealer.seal(details.phone)
        customer.phone_masked = mask_phone(details.phone)
    if details.email:
        customer.email_hash = identity.email_hash
        customer.email_sealed = sealer.seal(details.email)
        customer.email_masked = mask_email(details.email)
    if details.name:
        customer.name_sealed = sealer.seal(details.name)
        customer.name_masked = mask_name(details.name)
    for field in ("member_id", "gender", "age_range", "tier"):
        value = getattr(details, field)
        if value is not None:
            setattr(customer, field, value)
    customer.special_needs = bool(customer.special_needs or details.special_needs)
    customer.updated_at = datetime.now(UTC)


async def lookup(*, session: AsyncSession, query: CustomerLookup, sealer: Sealer) -> list[Customer]:
    """Customers matching what the caller knows (for an erasure request or a hotline call)."""
    customer = await find(session=session, identity=identity_of(query, sealer))
    return [customer] if customer is not None else []


async def erase(*, session: AsyncSession, customer_id: str) -> tuple[Customer, int]:
    """Erase a customer's personal data everywhere intake holds it; their feedback stays, anonymous.

    Erasing twice is harmless: the second time finds nothing left and announces nothing.
    """
    customer = await session.get(Customer, customer_id, with_for_update=True)
    if customer is None:
        raise NotFound("customer", customer_id)
    if customer.erased_at is not None:
        return customer, 0
    erased_at = datetime.now(UTC).replace(microsecond=0)
    for field in (
        "phone_hash", "email_hash", "phone_sealed", "email_sealed", "name_sealed", "phone_masked", "email_masked",
        "name_masked", "member_id", "gender", "age_range", "tier",
    ):
        setattr(customer, field, None)
    customer.special_needs = False
    customer.erased_at = erased_at
    customer.updated_at = erased_at

    feedbacks = list(
        (await session.scalars(select(Feedback).where(Feedback.customer_id == customer_id).with_for_update())).all()
    )
    for feedback in feedbacks:
        feedback.content_sealed = None
        feedback.content = erase_masked(feedback.content)
        feedback.normalized_content = erase_masked(feedback.normalized_content)
    ids = [f.id for f in feedbacks]
    if ids:
        responses = (await session.scalars(select(SurveyResponse).where(SurveyResponse.feedback_id.in_(ids)))).all()
        for response in responses:
            if response.comment:
                response.comment = erase_masked(response.comment)
    await _scrub_outbox(session=session, feedback_ids=ids)
    for feedback in feedbacks:
        await outbox.add(session, FeedbackPiiErased(feedback_id=feedback.id, customer_id=customer_id, erased_at=erased_at))
    return customer, len(feedbacks)


async def _scrub_outbox(*, session: AsyncSession, feedback_ids: list[str]) -> None:
    """Intake's own copies of its events about these feedback keep masked traces (masked phone, hash,
    masked text): wipe those too. Events are keyed by feedback id on both the feedback and survey topics."""
    if not feedback_ids:
        return
    table = outbox.table
    rows = (await session.execute(select(table.c.id, table.c.envelope).where(table.c.key.in_(feedback_ids)))).all()
    for row in rows:
        envelope = dict(row.envelope)
        data = dict(envelope["data"])
        if isinstance(data.get("customer"), dict):
            data["customer"] = {**data["customer"], "masked_phone": None, "phone_hash": None, "member_id": None}
        for field in ("content", "normalized_content", "comment"):
            if isinstance(data.get(field), str):
                data[field] = erase_masked(data[field])
        envelope["data"] = data
        await session.execute(update(table).where(table.c.id == row.id).values(envelope=envelope))
