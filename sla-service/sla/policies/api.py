from __future__ import annotations

from fastapi import APIRouter, status

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from sla.policies import service
from sla.policies.schemas import PolicyCreate, PolicyIn, PolicyOut

router = APIRouter(prefix="/v1/policies", tags=["policies"])
READ, WRITE = [require_scopes("sla:read")], [require_scopes("sla:write")]


@router.get("", dependencies=READ, summary="Current versions of every policy")
async def list_policies(session: SessionDep, include_retired: bool = False) -> list[PolicyOut]:
    async with session.begin():
        return [PolicyOut.model_validate(p) for p in await service.current_policies(session=session, include_retired=include_retired)]


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE, summary="A new policy, version 1")
async def create_policy(body: PolicyCreate, session: SessionDep, principal: Principal) -> PolicyOut:
    async with session.begin():
        policy = await service.create_policy(
            session=session, key=body.key, policy=PolicyIn.model_validate(body.model_dump(exclude={"key"})), by=principal.subject
        )
        return PolicyOut.model_validate(policy)


@router.get("/{key}", dependencies=READ, summary="The current version of a policy")
async def get_policy(key: str, session: SessionDep) -> PolicyOut:
    async with session.begin():
        return PolicyOut.model_validate(await service.current_policy(session=session, key=key))


@router.get("/{key}/versions", dependencies=READ, summary="Every version of a policy, oldest first")
async def policy_versions(key: str, session: SessionDep) -> list[PolicyOut]:
    async with session.begin():
        return [PolicyOut.model_validate(p) for p in await service.policy_versions(session=session, key=key)]


@router.put("/{key}", dependencies=WRITE, summary="Revise a policy: a new version for clocks started from now on")
async def revise_policy(key: str, body: PolicyIn, session: SessionDep, principal: Principal) -> PolicyOut:
    async with session.begin():
        return PolicyOut.model_validate(await service.revise_policy(session=session, key=key, policy=body, by=principal.subject))


@router.delete("/{key}", dependencies=WRITE, summary="Retire a policy (a last, inactive version)")
async def retire_policy(key: str, session: SessionDep, principal: Principal) -> PolicyOut:
    async with session.begin():
        return PolicyOut.model_validate(await service.retire_policy(session=session, key=key, by=principal.subject))
