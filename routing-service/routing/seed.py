"""A small chain for `make run` and the tests: two regions, four stores, every department, some staff, the
standard routing rules, procedures and message templates. Idempotent: it creates what is missing and leaves what exists alone, so it
never undoes a change made through the API and a second run announces nothing."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.db import Database
from routing.models import load_models
from routing.org import service as org
from routing.org.models import Department, Region, Staff, Store
from routing.org.schemas import DepartmentIn, RegionIn, StaffIn, StoreIn
from routing.procedures.service import seed_procedures
from routing.replies.service import seed_templates
from routing.rules import service as rules
from routing.rules.models import RoutingRule
from routing.rules.standard import DEPARTMENTS, STANDARD_RULES
from routing.settings import Settings

REGIONS = {"north": "華北區", "south": "華南區"}
STORES = {
    "S001": StoreIn(name="北京朝陽店", region_id="north", timezone="Asia/Shanghai", calendar="CN"),
    "S002": StoreIn(name="天津濱海店", region_id="north", timezone="Asia/Shanghai", calendar="CN"),
    "S003": StoreIn(name="廣州天河店", region_id="south", timezone="Asia/Shanghai", calendar="CN"),
    "S004": StoreIn(name="香港旺角店", region_id="south", timezone="Asia/Hong_Kong", calendar="HK"),
}
REGION_SPECIALISTS = {
    "purchasing": "採購專員",
    "facilities": "後勤專員",
    "food_safety": "食安專員",
    "security": "安保專員",
}


def chain_staff() -> dict[str, StaffIn]:
    """Per store a supervisor (客服主管), a manager (行政經理), customer service and sales staff;
    per region one specialist of each other department covering its stores."""
    people: dict[str, StaffIn] = {}
    for store_id, store in STORES.items():
        supervisor = f"{store_id}-SUP"
        people[f"{store_id}-MGR"] = StaffIn(name=f"{store.name}行政經理", department_id="customer_service",
                                            role="manager", store_ids=[store_id], capacity=50, on_shift=True)
        people[supervisor] = StaffIn(name=f"{store.name}客服主管", department_id="customer_service", role="supervisor",
                                     store_ids=[store_id], supervisor_id=f"{store_id}-MGR", capacity=30, on_shift=True)
        people[f"{store_id}-CS1"] = StaffIn(name=f"{store.name}客服一", department_id="customer_service",
                                            store_ids=[store_id], supervisor_id=supervisor, on_shift=True)
        people[f"{store_id}-CS2"] = StaffIn(name=f"{store.name}客服二", department_id="customer_service",
                                            store_ids=[store_id], supervisor_id=supervisor, on_shift=True)
        people[f"{store_id}-SAL"] = StaffIn(name=f"{store.name}門店營運", department_id="sales",
                                            store_ids=[store_id], supervisor_id=supervisor, on_shift=True)
    for region_id in REGIONS:
        stores = sorted(s for s, store in STORES.items() if store.region_id == region_id)
        for department, title in REGION_SPECIALISTS.items():
            people[f"{region_id.upper()}-{department.upper().replace('_', '')}"] = StaffIn(
                name=f"{REGIONS[region_id]}{title}", department_id=department, store_ids=stores, capacity=20,
                on_shift=True,
            )
    return people


async def seed_chain(*, session: AsyncSession) -> int:
    """Create the missing parts of the demo chain in the caller's transaction; returns how many."""
    created = 0
    for region_id, name in REGIONS.items():
        if await session.get(Region, region_id) is None:
            await org.upsert_region(session=session, region_id=region_id, region=RegionIn(name=name))
            created += 1
    for department_id, name in DEPARTMENTS.items():
        if await session.get(Department, department_id) is None:
            await org.upsert_department(session=session, department_id=department_id,
                                        department=DepartmentIn(name=name))
            created += 1
    for store_id, store in STORES.items():
        if await session.get(Store, store_id) is None:
            await org.upsert_store(session=session, store_id=store_id, store=store)
            created += 1
    people = chain_staff()
    # managers first, then supervisors, then the rest: everyone's supervisor exists before them
    for staff_id in sorted(people, key=lambda s: {"manager": 0, "supervisor": 1}.get(people[s].role, 2)):
        if await session.get(Staff, staff_id) is None:
            await org.upsert_staff(session=session, staff_id=staff_id, staff=people[staff_id])
            created += 1
    for rule_id, rule in STANDARD_RULES.items():
        if await session.get(RoutingRule, rule_id) is None:
            await rules.put_rule(session=session, rule_id=rule_id, rule=rule)
            created += 1
    created += len(await seed_procedures(session=session))
    created += await seed_templates(session=session)
    return created


async def seed(settings: Settings) -> None:
    """Entry point the fleet runs after migrating (`python -m fleet.seeding routing`)."""
    load_models()
    database = Database(settings.database_url, pool_size=1, application_name="routing-seed")
    try:
        async with database.unit_of_work() as session:
            await seed_chain(session=session)
    finally:
        await database.dispose()
