"""Applying events to case facts and moving the rollups by exactly what changed, a batch at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.db import SCHEMA
from analytics.facts.models import case_facts, feedback_links, parked_events
from analytics.facts.state import CaseState, apply, customer_key, mark_repeats
from analytics.org import service as org
from analytics.rollups import service as rollups
from analytics.rollups.contributions import Contributions, Rules, accumulate, contributions, difference, local_day
from closeloop.contracts.case import CaseDuplicateAttached, CaseOpened
from closeloop.contracts.envelope import EventPayload, event_model
from closeloop.contracts.feedback import FeedbackMerged, FeedbackPiiErased, SurveyRecorded
from closeloop.contracts.org import StoreUpserted

Event = tuple[str, EventPayload]
"""An event's type and its typed payload."""


@dataclass
class _Batch:
    """The cases one batch touches, as they were before it and as they are becoming."""

    rules: Rules
    states: dict[str, CaseState] = field(default_factory=dict)
    before: dict[str, Contributions] = field(default_factory=dict)
    rows_before: dict[str, dict[str, Any]] = field(default_factory=dict)

    def take(self, row: dict[str, Any]) -> None:
        if row["case_id"] in self.states:
            return
        state = CaseState.from_row(row)
        self.states[state.case_id] = state
        self.before[state.case_id] = contributions(state, self.rules)
        self.rows_before[state.case_id] = row  # as stored: compared with the new row to skip unchanged cases

    def state(self, case_id: str) -> CaseState:
        if case_id not in self.states:
            self.states[case_id] = CaseState(case_id=case_id)
            self.before[case_id] = {}
        return self.states[case_id]


async def apply_events(*, session: AsyncSession, events: Sequence[Event], rules: Rules) -> int:
    """Fold a batch of events into the facts and the rollups in the caller's transaction; returns cases changed."""
    stores = await org.load_stores(session=session)
    changed_stores, moved_stores = org.fold_store_events(stores, [p for _, p in events if isinstance(p, StoreUpserted)])
    await org.save_stores(session=session, stores={s: stores[s] for s in changed_stores})

    opened = [p for _, p in events if isinstance(p, CaseOpened)]
    merged = [p for _, p in events if isinstance(p, FeedbackMerged)]
    links = [_Link(p.feedback_id, case_id=p.case_id) for _, p in events if isinstance(p, CaseOpened | CaseDuplicateAttached)]
    links += [_Link(p.feedback_id, duplicate_of=p.duplicate_of) for p in merged]
    await _save_links(session=session, links=links)
    for _, p in events:
        if isinstance(p, FeedbackPiiErased):
            await _erase_customer(session=session, customer_id=p.customer_id)

    case_events: list[tuple[str, Event]] = []
    orphans: list[SurveyRecorded] = []
    for event_type, payload in events:
        case_id = getattr(payload, "case_id", None)
        if case_id:
            case_events.append((case_id, (event_type, payload)))
        elif isinstance(payload, SurveyRecorded):
            orphans.append(payload)
    if orphans:
        cases_of = await _cases_of_feedback(session=session, feedback_ids={s.feedback_id for s in orphans})
        for survey in orphans:
            case_id = cases_of.get(survey.feedback_id)
            if case_id:
                case_events.append((case_id, (survey.event_type, survey)))
            else:
                await _park(session=session, survey=survey)
    case_events += await _unpark(session=session, links=links)

    batch = _Batch(rules=rules)
    pairs = {(customer_key(p), p.subcategory) for p in opened if customer_key(p) and p.subcategory}
    await _load(session=session, batch=batch, case_ids={c for c, _ in case_events}, stores=moved_stores, pairs=pairs)
    for case_id, (event_type, payload) in case_events:
        apply(batch.state(case_id), event_type, payload)
    for state in batch.states.values():
        org.place(state, stores.get(state.store_id or ""))
    mark_repeats(batch.states.values(), pairs, window=rules.repeat_window)

    total: Contributions = {}
    changed_rows = []
    for case_id, state in batch.states.items():
        row = state.row()
        stored = batch.rows_before.get(case_id)
        if stored is not None and all(stored.get(k) == v for k, v in row.items()):
            continue
        accumulate(total, difference(batch.before.get(case_id, {}), contributions(state, rules)))
        row["opened_day"] = (
            local_day(state.opened_at, state.timezone or rules.default_timezone) if state.opened_at else None
        )
        changed_rows.append(row)
    await _save_facts(session=session, rows=changed_rows)
    await rollups.add(session=session, delta=total)
    return len(changed_rows)


async def _load(
    *, session: AsyncSession, batch: _Batch, case_ids: set[str], stores: set[str], pairs: set[tuple[Any, Any]]
) -> None:
    """Lock and load the touched cases: by id, by moved store, by customer and subcategory (one index each)."""
    conditions = []
    if case_ids:
        # A row for every touched case, new ones included, so that the lock below also covers a case two
        # consumers see for the first time at once (one waits on the other's insert, then reads its state).
        await session.execute(
            text(f'INSERT INTO "{SCHEMA}".case_facts (case_id) SELECT unnest(CAST(:ids AS varchar[])) '
                 "ON CONFLICT DO NOTHING"),
            {"ids": sorted(case_ids)},
        )
        conditions.append(case_facts.c.case_id.in_(sorted(case_ids)))
    if stores:
        conditions.append(case_facts.c.store_id.in_(sorted(stores)))
    if pairs:
        conditions.append(tuple_(case_facts.c.customer_key, case_facts.c.subcategory).in_(sorted(pairs)))
    for condition in conditions:
        query = select(case_facts).where(condition).order_by(case_facts.c.case_id).with_for_update()
        for row in (await session.execute(query)).mappings():
            batch.take(dict(row))


_FACT_COLUMNS = [c.name for c in case_facts.columns if c.name != "updated_at"]


async def _save_facts(*, session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    rows.sort(key=lambda r: r["case_id"])
    stmt = insert(case_facts)
    stmt = stmt.on_conflict_do_update(
        index_elements=[case_facts.c.case_id],
        set_={**{c: stmt.excluded[c] for c in _FACT_COLUMNS if c != "case_id"}, "updated_at": func.now()},
    )
    await session.execute(stmt, [{c: r.get(c) for c in _FACT_COLUMNS} for r in rows])


@dataclass(frozen=True)
class _Link:
    """A feedback and the case it belongs to: its own, attached to another's, or merged into another feedback."""

    feedback_id: str
    case_id: str | None = None
    duplicate_of: str | None = None


async def _save_links(*, session: AsyncSession, links: list[_Link]) -> None:
    if not links:
        return
    latest = {link.feedback_id: link for link in links}  # one row per feedback in one statement
    ordered = sorted(latest.values(), key=lambda link: link.feedback_id)
    await session.execute(
        text(
            f'INSERT INTO "{SCHEMA}".feedback_links AS l (feedback_id, case_id, duplicate_of) '
            "SELECT * FROM unnest(CAST(:ids AS varchar[]), CAST(:cases AS varchar[]), CAST(:originals AS varchar[])) "
            "ON CONFLICT (feedback_id) DO UPDATE SET case_id = coalesce(excluded.case_id, l.case_id), "
            "duplicate_of = coalesce(excluded.duplicate_of, l.duplicate_of)"
        ),
        {"ids": [link.feedback_id for link in ordered], "cases": [link.case_id for link in ordered],
         "originals": [link.duplicate_of for link in ordered]},
    )


async def _erase_customer(*, session: AsyncSession, customer_id: str) -> None:
    """PIPL erasure: forget the customer's key; figures already counted (repeats) stay as they were."""
    await session.execute(
        update(case_facts).where(case_facts.c.customer_key == f"c:{customer_id}").values(customer_key=None)
    )


async def _cases_of_feedback(*, session: AsyncSession, feedback_ids: set[str]) -> dict[str, str]:
    """The case each feedback belongs to: its own, or that of the feedback it was merged into."""
    links = {
        r.feedback_id: r
        for r in await session.execute(select(feedback_links).where(feedback_links.c.feedback_id.in_(feedback_ids)))
    }
    originals = {r.duplicate_of for r in links.values() if r.case_id is None and r.duplicate_of}
    if originals:
        for r in await session.execute(select(feedback_links).where(feedback_links.c.feedback_id.in_(originals))):
            links.setdefault(r.feedback_id, r)
    found: dict[str, str] = {}
    for feedback_id in feedback_ids:
        link = links.get(feedback_id)
        if link is not None and link.case_id is None and link.duplicate_of:
            link = links.get(link.duplicate_of)
        if link is not None and link.case_id:
            found[feedback_id] = link.case_id
    return found


async def _park(*, session: AsyncSession, survey: SurveyRecorded) -> None:
    await session.execute(
        insert(parked_events).values(
            feedback_id=survey.feedback_id, event_type=survey.event_type, payload=survey.model_dump(mode="json")
        )
    )


async def _unpark(*, session: AsyncSession, links: list[_Link]) -> list[tuple[str, Event]]:
    """Surveys that waited for a case that is now known (directly, attached, or through a merged feedback)."""
    case_of = {link.feedback_id: link.case_id for link in links if link.case_id}
    merged = [link for link in links if link.duplicate_of]
    if merged:
        known = await _cases_of_feedback(session=session, feedback_ids={m.duplicate_of for m in merged})  # type: ignore[misc]
        for m in merged:
            original = case_of.get(m.duplicate_of) or known.get(m.duplicate_of)  # type: ignore[arg-type]
            if original:
                case_of[m.feedback_id] = original
    if case_of:
        for r in await session.execute(
            select(feedback_links.c.feedback_id, feedback_links.c.duplicate_of).where(
                feedback_links.c.duplicate_of.in_(list(case_of))
            )
        ):
            case_of.setdefault(r.feedback_id, case_of[r.duplicate_of])
    if not case_of:
        return []
    rows = (
        await session.execute(
            delete(parked_events)
            .where(parked_events.c.feedback_id.in_(list(case_of)))
            .returning(parked_events.c.id, parked_events.c.feedback_id, parked_events.c.event_type, parked_events.c.payload)
        )
    ).all()
    found: list[tuple[str, Event]] = []
    for row in sorted(rows, key=lambda r: r.id):
        model = event_model(row.event_type)
        if model is not None:
            found.append((case_of[row.feedback_id], (row.event_type, model.model_validate(row.payload))))
    return found
