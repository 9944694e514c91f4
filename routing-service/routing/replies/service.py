"""Templates as data, and the words they produce for a case: a reply to the customer, a notice to staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import NotFound, Problem
from routing.cases.models import Case
from routing.org.models import Staff, Store
from routing.procedures.service import procedure_of, resolution_due, rules_of
from routing.replies.models import MessageTemplate
from routing.replies.rendering import BadTemplate, label, language_for, local_time, placeholders_in, render, summary
from routing.personal_data import unseal
from routing.replies.standard import CUSTOMER, PLACEHOLDERS, STANDARD_TEMPLATES
from routing.settings import Settings

TEAM = {"zh-Hant": "顧客服務部", "zh-Hans": "顾客服务部", "en": "Customer Service"}
"""Who signs a message no staff member wrote (the automatic reply)."""


@dataclass(frozen=True)
class Wording:
    text: str
    language: str
    template_ids: list[str]


async def seed_templates(*, session: AsyncSession) -> int:
    """Every standard template that is missing; an edited one is left alone."""
    added = 0
    for purpose, languages in STANDARD_TEMPLATES.items():
        for language, body in languages.items():
            template_id = f"{purpose}.{language}"
            if await session.get(MessageTemplate, template_id) is None:
                session.add(MessageTemplate(id=template_id, purpose=purpose, language=language, body=body, version=1,
                                            audience="customer" if purpose in CUSTOMER else "staff",
                                            updated_by="seed"))
                added += 1
    await session.flush()
    return added


async def list_templates(*, session: AsyncSession) -> list[MessageTemplate]:
    return list((await session.scalars(select(MessageTemplate).order_by(MessageTemplate.purpose,
                                                                        MessageTemplate.language))).all())


async def template(*, session: AsyncSession, purpose: str, language: str) -> MessageTemplate:
    row = await session.get(MessageTemplate, f"{purpose}.{language}")
    if row is None:
        raise NotFound("message template", f"{purpose}.{language}")
    return row


async def revise_template(*, session: AsyncSession, purpose: str, language: str, body: str, by: str) -> MessageTemplate:
    """A new wording; placeholders are checked against what the purpose offers, so no message goes out half-filled."""
    row = await session.get(MessageTemplate, f"{purpose}.{language}", with_for_update=True)
    if row is None:
        raise NotFound("message template", f"{purpose}.{language}")
    try:
        used = placeholders_in(body)
    except BadTemplate as exc:
        raise _invalid(str(exc)) from None
    unknown = sorted(used - set(PLACEHOLDERS[purpose]))
    if unknown:
        raise _invalid(f"{purpose} offers {', '.join(PLACEHOLDERS[purpose])}; unknown: {', '.join(unknown)}")
    row.body, row.version, row.updated_by, row.updated_at = body, row.version + 1, by, datetime.now(UTC)
    return row


def _invalid(message: str) -> Problem:
    return Problem(422, "Invalid request", f"invalid fields: body: {message}",
                   type_="https://closeloop.dev/problems/invalid-request",
                   errors=[{"field": "body", "message": message, "type": "template"}])


async def case_values(*, session: AsyncSession, case: Case, staff_id: str | None, language: str) -> dict[str, object]:
    """What a reply about this case fills in; the expected completion is sla's resolution due time, or the
    procedure's deadline while sla has not reported it."""
    store = await session.get(Store, case.store_id)
    staff = await session.get(Staff, staff_id) if staff_id else None
    expected = await resolution_due(session=session, case=case)
    if expected is None:
        spec = rules_of(await procedure_of(session=session, case=case)).spec("resolution")
        if spec is not None and spec.due_minutes is not None:
            expected = case.received_at + timedelta(minutes=spec.due_minutes)
    return {
        "feedback_number": case.feedback_number, "case_number": case.number,
        "expected_completion": local_time(expected, store.timezone if store else None, language),
        "staff_name": staff.name if staff else TEAM[language],
        "store_name": store.name if store else case.store_id,
    }


async def reply(
    *, session: AsyncSession, case: Case, purpose: str, language: str | None, staff_id: str | None,
    settings: Settings,
) -> Wording:
    """Greeting, the purpose's body and the closing line, in the customer's language."""
    store = await session.get(Store, case.store_id)
    chosen = language_for(requested=language, case_language=case.language,
                          store_calendar=store.calendar if store else None, default=settings.default_language,
                          text=unseal(settings, case.content_sealed))
    values = await case_values(session=session, case=case, staff_id=staff_id, language=chosen)
    parts = [await template(session=session, purpose=p, language=chosen) for p in ("greeting", purpose, "closing")]
    return Wording(text="\n".join(render(t.body, values) for t in parts), language=chosen,
                   template_ids=[f"{t.id}@{t.version}" for t in parts])


async def notice(*, session: AsyncSession, case: Case, purpose: str, language: str) -> Wording:
    """A notice to staff about a case (the supervisor alert, the work group's announcement): labels, no personal data."""
    store = await session.get(Store, case.store_id)
    values = {
        "case_number": case.number, "urgency": label(language, case.urgency),
        "category": label(language, case.category), "store_name": store.name if store else case.store_id,
        "department": label(language, case.department),
        "summary": summary(language=language, category=case.category, subcategory=case.subcategory, kind=case.kind,
                           theme_words=list(case.theme_words)),
    }
    row = await template(session=session, purpose=purpose, language=language)
    return Wording(text=render(row.body, values), language=language, template_ids=[f"{row.id}@{row.version}"])


async def figures_notice(*, session: AsyncSession, values: dict[str, object], language: str) -> Wording:
    row = await template(session=session, purpose="digest", language=language)
    return Wording(text=render(row.body, values), language=language, template_ids=[f"{row.id}@{row.version}"])
