from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from closeloop.contracts.feedback import Tier
from intake.customers.models import Customer
from intake.privacy.phones import InvalidPhone, normalise_phone
from intake.privacy.sealing import Sealer

Gender = Literal["female", "male", "other", "undisclosed"]
AgeRange = Literal["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"]
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def valid_phone(value: str | None) -> str | None:
    """E.164 form, or a ValueError whose message never repeats the number."""
    if value is None or value == "":
        return None
    try:
        return normalise_phone(value)
    except InvalidPhone as exc:
        raise ValueError(str(exc)) from None


def valid_email(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    local, _, domain = value.partition("@")
    return f"{local}@{domain.lower()}"


class CustomerIn(BaseModel):
    """Who gave the feedback, as far as they chose to say; every field is optional (anonymous feedback)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=100, examples=["张三"])
    phone: str | None = Field(
        default=None, max_length=32, examples=["13812345678"],
        description="Mainland numbers may omit +86; stored encrypted, shown masked (138****5678).",
    )
    email: str | None = Field(default=None, max_length=254, examples=["zhang.san@example.com"])
    gender: Gender | None = None
    age_range: AgeRange | None = None
    member_id: str | None = Field(default=None, min_length=1, max_length=64, examples=["M00012345"])
    tier: Tier | None = None
    special_needs: bool = Field(default=False, description="Elderly, disabled, pregnant... handled with priority.")

    _phone = field_validator("phone")(valid_phone)
    _email = field_validator("email")(valid_email)

    def identifies_someone(self) -> bool:
        return any((self.name, self.phone, self.email, self.member_id))


class CustomerView(BaseModel):
    """A customer as a response shows them: personal data masked unless the caller holds ``pii:read``."""

    customer_id: str
    name: str | None = None
    phone: str | None = Field(default=None, examples=["138****5678"])
    email: str | None = None
    gender: Gender | None = None
    age_range: AgeRange | None = None
    member_id: str | None = None
    tier: Tier | None = None
    special_needs: bool = False
    erased: bool = False

    @classmethod
    def render(cls, customer: Customer, *, sealer: Sealer, reveal: bool) -> CustomerView:
        def shown(sealed: str | None, masked: str | None) -> str | None:
            return sealer.open(sealed) if reveal and sealed else masked

        return cls(
            customer_id=customer.id,
            name=shown(customer.name_sealed, customer.name_masked),
            phone=shown(customer.phone_sealed, customer.phone_masked),
            email=shown(customer.email_sealed, customer.email_masked),
            gender=customer.gender,  # type: ignore[arg-type]
            age_range=customer.age_range,  # type: ignore[arg-type]
            member_id=customer.member_id,
            tier=customer.tier,  # type: ignore[arg-type]
            special_needs=customer.special_needs,
            erased=customer.erased_at is not None,
        )


class CustomerLookup(BaseModel):
    """Find a customer by what they tell the hotline; sent in a body so no phone number lands in a URL or log."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=254)
    member_id: str | None = Field(default=None, max_length=64)

    _phone = field_validator("phone")(valid_phone)
    _email = field_validator("email")(valid_email)

    def given(self) -> bool:
        return any((self.phone, self.email, self.member_id))


class CustomerMatches(BaseModel):
    items: list[CustomerView]


class ErasureReceipt(BaseModel):
    """What an erasure (PIPL right to deletion) did: the feedback stays, anonymous."""

    customer_id: str
    erased_at: datetime
    feedback_anonymised: int
