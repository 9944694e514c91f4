"""HTTP for customers: look one up, read one, erase one (PIPL right to deletion)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from closeloop.auth import AuthenticatedPrincipal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound, Problem
from intake.admission.media import json_body
from intake.admission.rates import throttled
from intake.context import IntakeDep
from intake.customers import service
from intake.customers.models import Customer
from intake.customers.schemas import CustomerLookup, CustomerMatches, CustomerView, ErasureReceipt
from intake.admission.errors import invalid_field

router = APIRouter(prefix="/v1/customers", tags=["customers"], dependencies=[Depends(throttled)])

Reader = Annotated[AuthenticatedPrincipal, require_scopes("feedback:read")]
PiiReader = Annotated[AuthenticatedPrincipal, require_scopes("pii:read")]
Eraser = Annotated[AuthenticatedPrincipal, require_scopes("pii:erase")]


def _chain_wide(principal: AuthenticatedPrincipal) -> None:
    """A customer spans stores: only a token for the whole chain may act on one."""
    if principal.store_ids is not None:
        raise Problem(403, "Forbidden", "customers can only be handled with a token not limited to stores")


@router.post(":lookup", dependencies=[Depends(json_body)], summary="Find a customer by phone, e-mail or member id")
async def lookup_customer(
    query: CustomerLookup, principal: PiiReader, session: SessionDep, ctx: IntakeDep
) -> CustomerMatches:
    _chain_wide(principal)
    if not query.given():
        raise invalid_field("phone", "give a phone, an e-mail or a member id")
    async with session.begin():
        found = await service.lookup(session=session, query=query, sealer=ctx.sealer)
    return CustomerMatches(items=[CustomerView.render(c, sealer=ctx.sealer, reveal=True) for c in found])


@router.get("/{customer_id}", summary="One customer; personal data masked without pii:read")
async def get_customer(customer_id: str, principal: Reader, session: SessionDep, ctx: IntakeDep) -> CustomerView:
    _chain_wide(principal)
    async with session.begin():
        customer = await session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    return CustomerView.render(customer, sealer=ctx.sealer, reveal=principal.has("pii:read"))


@router.delete(
    "/{customer_id}", summary="Erase a customer's personal data (PIPL); their feedback stays, anonymous",
    description="Publishes `feedback.pii_erased` for each of their feedback so other services drop their copies.",
)
async def erase_customer(customer_id: str, principal: Eraser, session: SessionDep) -> ErasureReceipt:
    _chain_wide(principal)
    async with session.begin():
        customer, anonymised = await service.erase(session=session, customer_id=customer_id)
    assert customer.erased_at is not None
    return ErasureReceipt(customer_id=customer.id, erased_at=customer.erased_at, feedback_anonymised=anonymised)
