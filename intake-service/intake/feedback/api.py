"""HTTP for feedback: submit one, submit a batch, read one, browse. Translation only; rules live in service.py."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status
from pydantic import ValidationError

from closeloop.auth import AuthenticatedPrincipal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import Problem
from closeloop.contracts.feedback import Channel, Kind
from intake.admission.errors import INVALID_REQUEST, invalid_field
from intake.admission.media import json_body
from intake.admission.rates import throttled
from intake.context import IntakeContext, IntakeDep
from intake.feedback import service
from intake.feedback.models import Feedback
from intake.feedback.schemas import BatchIn, BatchItemResult, BatchOut, FeedbackIn, FeedbackOut, FeedbackPage, Status
from intake.idempotency import service as idempotency
from intake.surveys.service import first_token

router = APIRouter(prefix="/v1/feedback", tags=["feedback"], dependencies=[Depends(throttled)])

Writer = Annotated[AuthenticatedPrincipal, require_scopes("feedback:write")]
Reader = Annotated[AuthenticatedPrincipal, require_scopes("feedback:read")]
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias=idempotency.HEADER,
        description="Retry-safe submission: the same key and body return the first answer; kept at least 24 h.",
    ),
]
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed JSON"},
    403: {"description": "Missing scope, or a store this token is not for"},
    409: {"description": "The same Idempotency-Key is still in flight, or external_ref was already received"},
    413: {"description": "Body too large"},
    415: {"description": "Not application/json"},
    422: {"description": "Invalid field (named in `errors`), or an Idempotency-Key reused with another body"},
    429: {"description": "Rate limit exceeded; see Retry-After"},
}


def _check_store(principal: AuthenticatedPrincipal, store_id: str, *, field: str = "store_id") -> None:
    if not principal.may_see_store(store_id):
        raise Problem(
            403, "Forbidden", f"this token may not write feedback for store {store_id}",
            errors=[{"field": field, "message": "store not covered by the token", "type": "store_forbidden"}],
        )


def _render(feedback: Feedback, ctx: IntakeContext, principal: AuthenticatedPrincipal, *, receipt: bool) -> FeedbackOut:
    return FeedbackOut.render(
        feedback, sealer=ctx.sealer, reveal=principal.has("pii:read"),
        survey_token=first_token(feedback=feedback, sealer=ctx.sealer) if receipt else None,
    )


@router.post(
    "", status_code=status.HTTP_201_CREATED, dependencies=[Depends(json_body)], responses=_PROBLEMS,
    summary="Submit one feedback",
)
async def submit_feedback(
    body: FeedbackIn, response: Response, principal: Writer, session: SessionDep, ctx: IntakeDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> FeedbackOut:
    _check_store(principal, body.store_id)
    submitter = service.Submitter(client_id=principal.client_id, subject=principal.subject)
    key = idempotency.check_key(idempotency_key) if idempotency_key is not None else None
    async with session.begin():
        if key is not None:
            fingerprint = idempotency.fingerprint(
                sealer=ctx.sealer, endpoint="POST /v1/feedback", body=body.model_dump(mode="json", exclude_unset=True)
            )
            replay = await idempotency.claim(
                session=session, client_id=principal.client_id, key=key, fingerprint=fingerprint
            )
            if replay is not None and replay.resource_id is not None:
                feedback = await service.get(session=session, reference=replay.resource_id, store_ids=None)
                response.status_code = replay.status_code
                response.headers[idempotency.REPLAY_HEADER] = "true"
                response.headers["Location"] = f"/v1/feedback/{feedback.id}"
                return _render(feedback, ctx, principal, receipt=True)
        feedback = await service.receive(
            session=session, submission=body, submitter=submitter, sealer=ctx.sealer, rules=ctx.rules
        )
        if key is not None:
            await idempotency.record(
                session=session, client_id=principal.client_id, key=key, fingerprint=fingerprint, kind="feedback",
                resource_id=feedback.id, status_code=status.HTTP_201_CREATED, ttl=ctx.idempotency_ttl,
            )
    response.headers["Location"] = f"/v1/feedback/{feedback.id}"
    return _render(feedback, ctx, principal, receipt=True)


def _problem_body(problem: Problem) -> dict[str, Any]:
    body: dict[str, Any] = {"type": problem.type, "title": problem.title, "status": problem.status}
    if problem.detail:
        body["detail"] = problem.detail
    return body | problem.extensions


def _prefixed(problem: Problem, index: int) -> Problem:
    """An item's field errors name the item: ``items.3.customer.phone``."""
    errors = problem.extensions.get("errors")
    if isinstance(errors, list):
        problem.extensions["errors"] = [{**e, "field": f"items.{index}.{e['field']}"} for e in errors]
        fields = ", ".join(sorted({e["field"] for e in problem.extensions["errors"]}))
        if problem.type == INVALID_REQUEST:
            problem.detail = f"invalid fields: {fields}"
    return problem


def _invalid_item(exc: ValidationError) -> Problem:
    errors = [
        {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_input=False)
    ]
    return Problem(422, "Invalid request", "invalid item", type_=INVALID_REQUEST, errors=errors)


@router.post(
    ":batch", dependencies=[Depends(json_body)], responses=_PROBLEMS, summary="Submit up to 500 feedback at once",
    description="Each item is validated and stored in its own transaction: one bad item does not sink the others. "
    "With an Idempotency-Key, a retried batch replays the items already stored and retries the rest.",
)
async def submit_batch(
    body: BatchIn, request: Request, principal: Writer, session: SessionDep, ctx: IntakeDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> BatchOut:
    if len(body.items) > ctx.settings.batch_max_items:
        raise invalid_field("items", f"a batch holds at most {ctx.settings.batch_max_items} items")
    submitter = service.Submitter(client_id=principal.client_id, subject=principal.subject)
    key = idempotency.check_key(idempotency_key) if idempotency_key is not None else None

    async def one(index: int, raw: dict[str, Any], item_key: str | None) -> BatchItemResult:
        try:
            item = FeedbackIn.model_validate(raw)
            _check_store(principal, item.store_id)
            async with session.begin():
                if item_key is not None:
                    fingerprint = idempotency.fingerprint(
                        sealer=ctx.sealer, endpoint="POST /v1/feedback:batch#item",
                        body=item.model_dump(mode="json", exclude_unset=True),
                    )
                    replay = await idempotency.claim(
                        session=session, client_id=principal.client_id, key=item_key, fingerprint=fingerprint
                    )
                    if replay is not None and replay.resource_id is not None:
                        feedback = await service.get(session=session, reference=replay.resource_id, store_ids=None)
                        return BatchItemResult(
                            index=index, status=200, feedback=_render(feedback, ctx, principal, receipt=True)
                        )
                feedback = await service.receive(
                    session=session, submission=item, submitter=submitter, sealer=ctx.sealer, rules=ctx.rules
                )
                if item_key is not None:
                    await idempotency.record(
                        session=session, client_id=principal.client_id, key=item_key, fingerprint=fingerprint,
                        kind="feedback", resource_id=feedback.id, status_code=201, ttl=ctx.idempotency_ttl,
                    )
            return BatchItemResult(index=index, status=201, feedback=_render(feedback, ctx, principal, receipt=True))
        except ValidationError as exc:
            return BatchItemResult(index=index, status=422, problem=_problem_body(_prefixed(_invalid_item(exc), index)))
        except Problem as problem:
            return BatchItemResult(index=index, status=problem.status, problem=_problem_body(_prefixed(problem, index)))

    if key is None:
        results = [await one(i, raw, None) for i, raw in enumerate(body.items)]
    else:
        batch_fingerprint = idempotency.fingerprint(sealer=ctx.sealer, endpoint="POST /v1/feedback:batch", body=body.items)
        async with idempotency.held_across_transactions(
            request.app.state.database.engine, client_id=principal.client_id, key=key
        ):
            async with session.begin():
                earlier = await idempotency.lookup(
                    session=session, client_id=principal.client_id, key=key, fingerprint=batch_fingerprint
                )
                if earlier is None:
                    await idempotency.record(
                        session=session, client_id=principal.client_id, key=key, fingerprint=batch_fingerprint,
                        kind="batch", resource_id=None, status_code=None, ttl=ctx.idempotency_ttl,
                    )
            results = [await one(i, raw, f"{key}#{i}") for i, raw in enumerate(body.items)]
            async with session.begin():
                await idempotency.record(
                    session=session, client_id=principal.client_id, key=key, fingerprint=batch_fingerprint,
                    kind="batch", resource_id=None, status_code=200, ttl=ctx.idempotency_ttl,
                )
    accepted = sum(1 for r in results if r.feedback is not None)
    return BatchOut(accepted=accepted, rejected=len(results) - accepted, results=results)


router.add_api_route(
    "/batch", submit_batch, methods=["POST"], dependencies=[Depends(json_body)], include_in_schema=False,
    response_model=BatchOut,
)


@router.get("", summary="Browse feedback, newest first", responses=_PROBLEMS)
async def browse_feedback(
    principal: Reader, session: SessionDep, ctx: IntakeDep,
    store_id: Annotated[str | None, Query(max_length=32)] = None,
    channel: Channel | None = None,
    kind: Kind | None = None,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    customer_id: Annotated[str | None, Query(max_length=36)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int | None, Query(ge=1, description="Page size; capped at the configured maximum (200).")] = None,
) -> FeedbackPage:
    if store_id is not None and not principal.may_see_store(store_id):
        raise Problem(403, "Forbidden", f"this token may not read feedback of store {store_id}")
    page_size = min(limit or ctx.settings.page_size_default, ctx.settings.page_size_max)
    filters = service.Filters(
        store_id=store_id, channel=channel, kind=kind, status=status_, customer_id=customer_id, since=since, until=until
    )
    async with session.begin():
        rows, next_cursor = await service.browse(
            session=session, filters=filters, store_ids=principal.store_ids, cursor=cursor, limit=page_size
        )
    return FeedbackPage(items=[_render(f, ctx, principal, receipt=False) for f in rows], next_cursor=next_cursor)


@router.get("/{reference}", summary="One feedback, by id or by number (FB-YYYYMMDD-NNNNNN)", responses=_PROBLEMS)
async def get_feedback(reference: str, principal: Reader, session: SessionDep, ctx: IntakeDep) -> FeedbackOut:
    async with session.begin():
        feedback = await service.get(session=session, reference=reference, store_ids=principal.store_ids)
    return _render(feedback, ctx, principal, receipt=False)
