"""What intake's routers share, built once per app from the settings: keys, rules, object store, limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Request

from intake.admission.rates import Throttle
from intake.attachments.service import UploadRules
from intake.attachments.storage import ObjectStore
from intake.duplicates.similarity import DuplicatePolicy
from intake.feedback.service import IntakeRules
from intake.privacy.sealing import Sealer
from intake.settings import Settings


@dataclass(frozen=True)
class IntakeContext:
    settings: Settings
    sealer: Sealer
    rules: IntakeRules
    objects: ObjectStore
    uploads: UploadRules
    throttle: Throttle

    @property
    def idempotency_ttl(self) -> timedelta:
        return timedelta(hours=self.settings.idempotency_ttl_hours)

    @classmethod
    def from_settings(cls, settings: Settings) -> IntakeContext:
        return cls(
            settings=settings,
            sealer=Sealer.from_settings(settings),
            rules=IntakeRules(
                zone=ZoneInfo(settings.numbering_timezone),
                clock_skew=timedelta(seconds=settings.clock_skew_seconds),
                store_check=settings.store_check,
                duplicates=DuplicatePolicy(
                    customer_window=timedelta(hours=settings.duplicate_window_hours),
                    customer_similarity=settings.duplicate_similarity,
                    store_window=timedelta(minutes=settings.store_duplicate_window_minutes),
                    store_similarity=settings.store_duplicate_similarity,
                    store_min_chars=settings.store_duplicate_min_chars,
                ),
            ),
            objects=ObjectStore(settings.attachment_store_url),
            uploads=UploadRules(
                max_bytes=settings.attachment_max_bytes, allowed_types=frozenset(settings.attachment_types)
            ),
            throttle=Throttle(limits=settings.rate_limits, exempt=settings.rate_limit_exempt_clients),
        )


def _context(request: Request) -> IntakeContext:
    return request.app.state.intake  # type: ignore[no-any-return]


IntakeDep = Annotated[IntakeContext, Depends(_context)]
