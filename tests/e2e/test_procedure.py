"""The handling procedure through the real services (intake → routing → sla → analytics, real Kafka and Postgres).

For each urgency, one case walks the whole procedure with every step on time: no clock breaches. Then the same
procedure is walked once per step with that step left out: exactly that step's clock breaches and climbs the
ladder. Hours of handling pass in seconds: staff actions are stamped with a simulated time (routing's
``wall_time.now`` dependency, overridden per request by the ``x-simulated-time`` header) and sla's timer is driven
with ``ClockTimer.fire_due(now=...)``; the clocks are the default policies, untouched.

Every case is opened and walked at once; the timer then fires at each skipped clock's due time in order, so a
fire only ever reaches clocks whose steps are done or not yet due (a walk records only the moves before the
skipped step's deadline), and each case is read in routing, sla and analytics before the next fire. One last
fire, hours later, makes every breached clock climb to the manager.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import Request
from sqlalchemy import text

from closeloop.auth import mint_token
from closeloop.db import Database
from fleet.testing import eventually
from routing import wall_time
from routing.procedures.standard import SIGNALS, STANDARD_PROCEDURES
from sla.clocks.timer import ClockTimer
from sla.policies.defaults import default_policies
from tests.inprocess import JWT_SECRET, SERVICES, InProcessFleet, running_fleet

M, H = timedelta(minutes=1), timedelta(hours=1)
ON_TIME_STORE = "S004"
SKIP_STORES = ("S001", "S002", "S003")
REGION = {"S001": "NORTH", "S002": "NORTH", "S003": "SOUTH", "S004": "SOUTH"}
PEOPLE = {  # who does what: the store's own people, the region's specialists for the other departments
    "SUP": ("customer_service", "supervisor"), "MGR": ("customer_service", "manager"),
    "CS1": ("customer_service", "staff"), "CS2": ("customer_service", "staff"), "SAL": ("sales", "staff"),
    "FACILITIES": ("facilities", "staff"), "SECURITY": ("security", "staff"),
}


# --- the table test: sla's default clocks and routing's standard procedures say the same thing ------------------

def _clock_steps() -> list[tuple[str, str]]:
    return [(urgency, clock["metric"]) for urgency, policy in default_policies().items() if "-" not in urgency
            for clock in policy["clocks"]]


@pytest.mark.parametrize(("urgency", "metric"), _clock_steps())
def test_every_default_clock_has_the_procedure_step_that_stops_it(urgency, metric):
    clock = next(c for c in default_policies()[urgency]["clocks"] if c["metric"] == metric)
    steps = [s for s in STANDARD_PROCEDURES[urgency]["steps"] if s["clock"] == metric]

    assert len(steps) == 1, f"{urgency}/{metric}: the procedure has {len(steps)} steps for this clock"
    step = steps[0]
    assert SIGNALS[step["step"]] in clock["stops_on"], f"{step['step']} does not stop {metric}"
    starts = {"opened": "opened", "resolved": "resolved", "reopened": "reopened", "report_returned": "report_returned"}
    assert starts.get(step["starts_on"], SIGNALS.get(step["starts_on"])) == clock.get("starts_on", "opened")


@pytest.mark.parametrize("urgency", ["urgent", "important", "general", "minor"])
def test_every_clocked_step_of_the_standard_procedures_has_its_default_clock(urgency):
    metrics = {c["metric"] for c in default_policies()[urgency]["clocks"]}
    clocked = {s["clock"] for s in STANDARD_PROCEDURES[urgency]["steps"] if s["clock"]}
    assert clocked == metrics


# --- the walks -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Move:
    at: timedelta  # after the feedback was received
    step: str  # the procedure step it does (a walk that skips the step leaves the move out)
    who: str  # a key of PEOPLE
    action: dict[str, Any]
    needs: tuple[str, ...] = ()  # steps without which it cannot be done


@dataclass(frozen=True)
class Walk:
    urgency: str
    text: str
    labels: dict[str, str]
    moves: tuple[Move, ...]
    clocks: dict[str, str]  # skippable step → the clock it stops
    deadlines: dict[str, timedelta] = field(default_factory=dict)  # fixed from receipt; others follow a move

    def moves_without(self, skipped: str | None) -> list[Move]:
        """Every move, or those before the skipped step's deadline that need neither it nor a move left out."""
        if skipped is None:
            return list(self.moves)
        cutoff = self.deadlines.get(skipped) or min(m.at for m in self.moves if m.step == skipped)
        left_out, kept = {skipped}, []
        for move in self.moves:
            if move.step in left_out or left_out.intersection(move.needs):
                left_out.add(move.step)
            elif move.at < cutoff:
                kept.append(move)
        return kept


def _contact(purpose: str = "progress") -> dict[str, Any]:
    return {"type": "contact_customer", "channel": "phone", "purpose": purpose, "summary": "informed the customer"}


URGENT = Walk(
    urgency="urgent", text="三樓安全出口被紙箱堵住了", labels={"category": "safety", "urgency": "urgent"},
    moves=(
        Move(3 * M, "plan_started", "SUP", {"type": "plan_started", "plan": "封鎖區域，清走紙箱", "liaison_id": "{store}-CS1"}),
        Move(4 * M, "first_contact", "CS1", _contact("first_contact")),
        Move(10 * M, "on_site", "SECURITY", {"type": "on_site"}),
        Move(12 * M, "on_site", "FACILITIES", {"type": "on_site"}),
        Move(13 * M, "task", "FACILITIES", {"type": "complete_task", "task": "clear_exit"}),
        Move(14 * M, "task", "SECURITY", {"type": "complete_task", "task": "photo_evidence"}),
        Move(110 * M, "progress_contact", "CS1", _contact()),
        Move(3 * H, "resolution", "SUP", {"type": "resolve", "resolution": "出口已清空"}, needs=("first_contact",)),
        Move(210 * M, "callback", "CS1", {"type": "callback", "satisfied": True, "csat": 5}, needs=("resolution",)),
        Move(220 * M, "progress_contact", "CS1", _contact("result")),
        Move(5 * H, "report_submitted", "SUP", {"type": "report_submitted", "report": "emergency"},
             needs=("resolution",)),
        Move(6 * H, "report_approved", "MGR", {"type": "report_reviewed", "report": "emergency", "verdict": "approved"},
             needs=("report_submitted",)),
    ),
    clocks={"first_contact": "first_contact", "plan_started": "emergency_plan", "on_site": "on_site",
            "progress_contact": "progress_contact", "resolution": "resolution", "report_submitted": "emergency_report"},
    deadlines={"first_contact": 30 * M, "plan_started": 5 * M, "on_site": 15 * M, "resolution": 4 * H},
)

IMPORTANT = Walk(
    urgency="important", text="貨架標價 12.9 元,結賬收了 15.9 元,已經第二次了",
    labels={"category": "product", "urgency": "important"},
    moves=(
        Move(10 * M, "first_contact", "CS1", _contact("first_contact")),
        Move(40 * M, "plan_agreed", "SUP", {"type": "plan_agreed", "participants": ["{store}-SUP", "{store}-SAL"],
                                            "plan": "核對價簽系統，退還差價"}),
        Move(7 * H, "progress_contact", "CS1", _contact()),
        Move(14 * H, "progress_contact", "CS1", _contact()),
        Move(20 * H, "resolution", "SAL", {"type": "resolve", "resolution": "退還差價並更正價簽"}, needs=("first_contact",)),
        Move(21 * H, "progress_contact", "CS1", _contact("result")),
        Move(21 * H + 30 * M, "callback", "CS1", {"type": "callback", "satisfied": True}, needs=("resolution",)),
        Move(30 * H, "report_submitted", "SAL", {"type": "report_submitted", "report": "important",
                                                 "sections": {"prevention": "提醒店員"}}, needs=("resolution",)),
        Move(32 * H, "report_reviewed", "SUP", {"type": "report_reviewed", "report": "important", "verdict": "reviewed"},
             needs=("report_submitted",)),
        Move(33 * H, "report_returned", "MGR", {"type": "report_reviewed", "report": "important", "verdict": "returned",
                                                "comment": "預防措施要列出核對頻率"}, needs=("report_submitted",)),
        Move(40 * H, "report_revision", "SAL", {"type": "report_submitted", "report": "important",
                                                "sections": {"prevention": "每週一核對全店價簽與收銀系統"}},
             needs=("report_submitted",)),
        Move(41 * H, "report_reviewed", "SUP", {"type": "report_reviewed", "report": "important", "verdict": "reviewed"},
             needs=("report_revision",)),
        Move(42 * H, "report_approved", "MGR", {"type": "report_reviewed", "report": "important", "verdict": "approved"},
             needs=("report_revision",)),
    ),
    clocks={"first_contact": "first_contact", "plan_agreed": "handling_meeting", "progress_contact": "progress_contact",
            "resolution": "resolution", "report_submitted": "important_report", "report_revision": "report_revision"},
    deadlines={"first_contact": 30 * M, "plan_agreed": H, "resolution": 24 * H},
)

GENERAL = Walk(
    urgency="general", text="收银员态度很差,找零还扔在台面上", labels={"category": "service", "urgency": "general"},
    moves=(
        Move(10 * M, "first_contact", "CS1", _contact("first_contact")),
        Move(H, "plan_recorded", "CS2", {"type": "plan_recorded", "analysis": "收銀員情緒", "plan": "培訓並致歉"}),
        Move(20 * H, "resolution", "CS1", {"type": "resolve", "resolution": "已致歉並培訓"}, needs=("first_contact",)),
        Move(21 * H, "callback", "CS1", {"type": "callback", "satisfied": False, "csat": 2}, needs=("resolution",)),
        Move(22 * H, "rehandling", "CS2", {"type": "resolve", "resolution": "店長親自致歉，贈送禮券"},
             needs=("callback",)),
        Move(22 * H + 30 * M, "callback_again", "CS1", {"type": "callback", "satisfied": True, "csat": 4},
             needs=("rehandling",)),
    ),
    clocks={"first_contact": "first_contact", "plan_recorded": "analysis", "resolution": "resolution",
            "callback": "callback", "rehandling": "rehandling"},
    deadlines={"first_contact": 30 * M, "plan_recorded": 2 * H, "resolution": 48 * H},
)

MINOR = Walk(
    urgency="minor", text="希望會員日活動可以提前在 APP 通知", labels={"category": "other", "urgency": "minor"},
    moves=(
        Move(20 * M, "first_contact", "CS1", _contact("first_contact")),
        Move(5 * H, "assessed", "CS2", {"type": "assessed", "outcome": "plan", "text": "轉市場部評估"}),
        Move(30 * H, "resolution", "CS1", {"type": "resolve", "resolution": "APP 將提前三天推送"},
             needs=("first_contact",)),
    ),
    clocks={"first_contact": "first_contact", "assessed": "assessment", "resolution": "resolution"},
    deadlines={"first_contact": 30 * M, "assessed": 24 * H, "resolution": 72 * H},
)

WALKS = {w.urgency: w for w in (URGENT, IMPORTANT, GENERAL, MINOR)}
VARIANTS = [(w.urgency, step) for w in WALKS.values() for step in w.clocks]


# --- running them ------------------------------------------------------------------------------------------------

@dataclass
class Walked:
    walk: Walk
    skipped: str | None
    store: str
    case_id: str = ""
    received_at: datetime | None = None
    sla_clocks: list[dict[str, Any]] = field(default_factory=list)  # right after the skipped clock's due time
    routing_case: dict[str, Any] = field(default_factory=dict)
    analytics_clocks: list[str] | None = None
    first_rung: list[dict[str, Any]] = field(default_factory=list)
    climbed: dict[str, Any] = field(default_factory=dict)


@dataclass
class Run:
    fleet: InProcessFleet
    on_time: dict[str, Walked]
    skipped: dict[tuple[str, str], Walked]
    elsewhere: dict[str, Any]
    figures: dict[str, Any]


def _headers(store: str, who: str, at: datetime | None = None) -> dict[str, str]:
    department, role = PEOPLE[who]
    subject = f"{REGION[store]}-{who}" if who in ("FACILITIES", "SECURITY") else f"{store}-{who}"
    token = mint_token(secret=JWT_SECRET, subject=subject, scopes=("case:read", "case:write"), roles=[role],
                       store_ids=[store], department=department)
    headers = {"Authorization": f"Bearer {token}"}
    if at is not None:
        headers["x-simulated-time"] = at.isoformat()
    return headers


def _simulated_now(request: Request) -> datetime:
    given = request.headers.get("x-simulated-time")
    return datetime.fromisoformat(given) if given else datetime.now(UTC)


def _filled(value: Any, store: str) -> Any:
    if isinstance(value, str):
        return value.replace("{store}", store)
    if isinstance(value, list):
        return [_filled(v, store) for v in value]
    if isinstance(value, dict):
        return {k: _filled(v, store) for k, v in value.items()}
    return value


async def _get(client: httpx.AsyncClient, url: str, fleet: InProcessFleet, **params: Any) -> Any:
    response = await client.get(url, params=params, headers=fleet.headers())
    assert response.status_code == 200, response.text
    return response.json()


async def _open(fleet: InProcessFleet, walked: Walked) -> None:
    """Submit the feedback (anonymous, worded apart, so neither duplicates nor group complaints join cases)."""
    feedback = await fleet.submit_feedback(channel="pos", store_id=walked.store,
                                           content=f"{walked.walk.text} ref{uuid.uuid4().hex[:10]}")

    async def opened() -> dict[str, Any] | None:
        items = (await _get(fleet.clients["routing"], "/v1/cases", fleet, feedback_id=feedback["id"]))["items"]
        return items[0] if items else None

    case = await eventually(opened, timeout=60, what="the case opened")
    wrong = {k: v for k, v in walked.walk.labels.items() if case[k] != v}  # type: ignore[index]
    if wrong:  # the classifier is another story: staff correct it, and the case follows the right procedure
        response = await fleet.clients["routing"].post(f"/v1/cases/{case['id']}/actions", headers=fleet.headers(),  # type: ignore[index]
                                                       json={"type": "reclassify", **wrong})
        assert response.status_code == 200, response.text
    walked.case_id = case["id"]  # type: ignore[index]
    walked.received_at = datetime.fromisoformat(case["received_at"])  # type: ignore[index]


async def _walk(fleet: InProcessFleet, walked: Walked) -> None:
    await _open(fleet, walked)
    assert walked.received_at is not None
    for move in walked.walk.moves_without(walked.skipped):
        response = await fleet.clients["routing"].post(
            f"/v1/cases/{walked.case_id}/actions", json=_filled(move.action, walked.store),
            headers=_headers(walked.store, move.who, walked.received_at + move.at),
        )
        assert response.status_code == 200, f"{walked.walk.urgency} {move.step} by {move.who}: {response.text}"


async def _sla_caught_up(database: Database, case_ids: list[str]) -> None:
    """Every case event routing published for these cases has been applied by sla."""
    async def none_left() -> bool:
        async with database.engine.connect() as connection:
            left = await connection.scalar(text(
                "SELECT count(*) FROM routing.outbox o WHERE o.key = ANY(:ids) AND o.event_type LIKE 'closeloop.case.%' "
                "AND NOT EXISTS (SELECT 1 FROM sla.inbox i WHERE i.event_id = o.event_id)"), {"ids": case_ids})
        return left == 0
    await eventually(none_left, timeout=60, interval=0.1, what="sla applying every case event")


async def _fire(timer: ClockTimer, now: datetime) -> None:
    while await timer.fire_due(now=now) >= timer.batch_size:
        pass


async def _clocks(fleet: InProcessFleet, case_id: str) -> list[dict[str, Any]]:
    return await _get(fleet.clients["sla"], "/v1/clocks", fleet, case_id=case_id)  # type: ignore[no-any-return]


async def _read_breach(fleet: InProcessFleet, walked: Walked, clock: str) -> None:
    """What each service shows right after the skipped step's clock fell due."""
    walked.sla_clocks = await _clocks(fleet, walked.case_id)

    async def in_routing() -> dict[str, Any] | None:
        case = await _get(fleet.clients["routing"], f"/v1/cases/{walked.case_id}", fleet)
        return case if case["breached_clocks"] and case["escalation_level"] >= 1 else None

    async def in_analytics() -> list[str] | None:
        listed = await _get(fleet.clients["analytics"], "/v1/sla/breached-cases", fleet, store_id=walked.store,
                            limit=1000)
        return next((c["breached_clocks"] for c in listed["items"] if c["case_id"] == walked.case_id), None)

    walked.routing_case = await eventually(in_routing, timeout=30, what=f"routing seeing {clock} breached")  # type: ignore[assignment]
    walked.first_rung = await _get(fleet.clients["sla"], "/v1/escalations", fleet, case_id=walked.case_id)
    walked.analytics_clocks = await eventually(in_analytics, timeout=30, what=f"analytics counting {clock}")  # type: ignore[assignment]


async def _walk_everything(fleet: InProcessFleet) -> Run:
    fleet.apps["routing"].dependency_overrides[wall_time.now] = _simulated_now
    on_time = {u: Walked(w, None, ON_TIME_STORE) for u, w in WALKS.items()}
    skipped = {(u, s): Walked(WALKS[u], s, SKIP_STORES[i % len(SKIP_STORES)]) for i, (u, s) in enumerate(VARIANTS)}
    elsewhere: dict[str, Any] = {}
    everyone = [*on_time.values(), *skipped.values()]
    await asyncio.gather(*(_walk(fleet, w) for w in everyone), _online_urgent(fleet, elsewhere))

    database = Database(fleet.database_url, pool_size=2)
    timer = ClockTimer(database=database)
    try:
        await _sla_caught_up(database, [w.case_id for w in everyone])
        due = {}
        for key, walked in skipped.items():
            clock = walked.walk.clocks[walked.skipped]  # type: ignore[index]
            running = [c for c in await _clocks(fleet, walked.case_id) if c["metric"] == clock and c["status"] == "running"]
            assert len(running) == 1, f"{key}: {clock} is not running before its deadline: {await _clocks(fleet, walked.case_id)}"
            due[key] = datetime.fromisoformat(running[0]["due_at"])
        for key in sorted(skipped, key=due.__getitem__):
            await _fire(timer, due[key])
            await _read_breach(fleet, skipped[key], skipped[key].walk.clocks[key[1]])

        last = max(due.values()) + 3 * H  # past every ladder's manager rung (urgent 5 min, default 2 h)
        await _fire(timer, last)
        for walked in skipped.values():
            async def climbed(walked: Walked = walked) -> dict[str, Any] | None:
                case = await _get(fleet.clients["routing"], f"/v1/cases/{walked.case_id}", fleet)
                return case if case["escalation_level"] >= 2 else None
            walked.climbed = {
                "escalations": await _get(fleet.clients["sla"], "/v1/escalations", fleet, case_id=walked.case_id),
                "case": await eventually(climbed, timeout=30, what="routing hearing the manager was asked"),
            }
        for walked in on_time.values():
            walked.sla_clocks = await _clocks(fleet, walked.case_id)
            walked.routing_case = await _get(fleet.clients["routing"], f"/v1/cases/{walked.case_id}", fleet)
    finally:
        await database.dispose()
    figures = await _on_time_figures(fleet, [w.received_at for w in on_time.values()])  # type: ignore[misc]
    return Run(fleet=fleet, on_time=on_time, skipped=skipped, elsewhere=elsewhere, figures=figures)


async def _on_time_figures(fleet: InProcessFleet, received: list[datetime]) -> dict[str, Any]:
    """analytics' figures for the store the on-time walks happened in, once it has counted every resolution."""
    period = {"from": (min(received) - timedelta(days=1)).date().isoformat(),
              "to": (max(received) + timedelta(days=6)).date().isoformat(), "store_id": ON_TIME_STORE}

    async def counted() -> dict[str, Any] | None:
        kpis = await _get(fleet.clients["analytics"], "/v1/kpis", fleet, **period)
        return kpis if kpis["timeliness_rate"]["denominator"] >= len(WALKS) else None

    kpis = await eventually(counted, timeout=30, what="analytics counting the on-time resolutions")
    breaches = await _get(fleet.clients["analytics"], "/v1/sla/breaches", fleet, **period)
    return {"kpis": kpis, "breaches": breaches}


async def _online_urgent(fleet: InProcessFleet, seen: dict[str, Any]) -> None:
    """An identified customer's urgent feedback from the app: the automatic reply, the supervisor alert and the
    work group's announcement, through the development adapter."""
    body = {"channel": "app", "store_id": "S003", "language": "zh-HK",
            "content": "我是陳大文，電話 13812345678，買的鮮奶打開已經發臭，孩子喝了一口就吐了",
            "customer": {"name": "陳大文", "phone": "13812345678", "member_id": f"M{uuid.uuid4().hex[:8]}"}}
    feedback = await fleet.submit_feedback(**body)

    async def case() -> dict[str, Any] | None:
        items = (await _get(fleet.clients["routing"], "/v1/cases", fleet, feedback_id=feedback["id"]))["items"]
        return items[0] if items else None

    seen["case"] = await eventually(case, timeout=60, what="the online case")
    adapter = fleet.apps["routing"].state.outbound_adapters.development

    def sent(purpose: str) -> list[Any]:
        return [r.message for r in adapter.sent if r.message.case_id == seen["case"]["id"]
                and r.message.purpose == purpose]

    async def all_three() -> bool:
        return all(sent(p) for p in ("auto_reply", "supervisor_alert", "announcement"))

    await eventually(all_three, timeout=30, what="the three messages sent")
    seen["sent"] = {p: sent(p) for p in ("auto_reply", "supervisor_alert", "announcement")}
    seen["feedback"] = feedback


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def run(postgres_server, kafka_broker) -> AsyncIterator[Run]:  # type: ignore[no-untyped-def]
    database_url = await postgres_server.create_database(migrate=SERVICES)
    try:
        async with running_fleet(database_url=database_url, bootstrap_servers=kafka_broker.bootstrap_servers,
                                 settings_overrides={"run_digest": False}) as fleet:
            yield await _walk_everything(fleet)
    finally:
        await postgres_server.drop_database(database_url)


# --- what the walks show ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("urgency", list(WALKS))
async def test_a_procedure_walked_on_time_breaches_no_clock(run, urgency):
    walked = run.on_time[urgency]

    assert walked.sla_clocks and all(c["status"] in ("met", "cancelled") for c in walked.sla_clocks), walked.sla_clocks
    assert {c["metric"] for c in walked.sla_clocks if c["status"] == "met"} == set(walked.walk.clocks.values())
    case = walked.routing_case
    assert (case["status"], case["breached"], case["escalation_level"]) == ("closed", False, 0)
    statuses = {s["step"]: s["status"] for s in case["procedure"]["steps"]}
    assert not {s for s, status in statuses.items() if status in ("overdue", "done_late", "pending")}, statuses


@pytest.mark.parametrize("urgency", list(WALKS))
async def test_the_case_shows_each_step_with_owner_due_time_done_time_and_who_did_it(run, urgency):
    walked = run.on_time[urgency]
    steps = {(s["step"], s["department"]): s for s in walked.routing_case["procedure"]["steps"]}

    for move in walked.walk.moves:
        if move.step not in walked.walk.clocks or move.step in ("progress_contact", "rehandling", "report_revision"):
            continue
        step = steps[(move.step, None)] if (move.step, None) in steps else next(
            s for (name, _), s in steps.items() if name == move.step and s["done_at"])
        assert step["due_source"] == "sla" and step["owner"]["role"] in ("staff", "supervisor", "manager")
        assert datetime.fromisoformat(step["done_at"]) <= datetime.fromisoformat(step["due_at"])
        assert step["done_by"], step


def test_analytics_counts_the_on_time_walks_as_handled_in_time(run):
    assert run.figures["breaches"]["total"] == 0
    timeliness = run.figures["kpis"]["timeliness_rate"]
    assert (timeliness["numerator"], timeliness["denominator"]) == (len(WALKS), len(WALKS))


@pytest.mark.parametrize(("urgency", "skipped"), VARIANTS)
async def test_a_skipped_step_breaches_exactly_its_clock_in_every_service_and_climbs_the_ladder(run, urgency, skipped):
    walked = run.skipped[(urgency, skipped)]
    clock = walked.walk.clocks[skipped]

    assert [c["metric"] for c in walked.sla_clocks if c["status"] == "breached"] == [clock], walked.sla_clocks
    assert walked.routing_case["breached_clocks"] == [clock]
    assert walked.analytics_clocks == [clock]
    [asked] = [e for e in walked.first_rung if e["metric"] == clock]
    assert (asked["level"], asked["role"]) == (1, "supervisor")
    assert asked["staff_ids"] and set(asked["staff_ids"]) <= set(walked.routing_case["watchers"])
    rungs = {e["level"]: e for e in walked.climbed["escalations"] if e["metric"] == clock}
    assert rungs[2]["role"] == "manager", rungs
    assert f"{walked.store}-MGR" in rungs[2]["staff_ids"] and f"{walked.store}-MGR" in walked.climbed["case"]["watchers"]


def test_urgent_online_feedback_is_answered_at_once_and_announced_without_personal_data(run):
    sent = run.elsewhere["sent"]
    [reply] = sent["auto_reply"]

    assert (reply.channel, reply.recipient.split(":")[0]) == ("app_push", "customer")
    assert run.elsewhere["feedback"]["number"] in reply.body and "立即處理" in reply.body
    assert sent["supervisor_alert"][0].recipient == "staff:S003-SUP"
    for message in (*sent["announcement"], *sent["supervisor_alert"]):
        assert run.elsewhere["case"]["number"] in message.body
        for personal in ("陳大文", "13812345678", "138****5678"):
            assert personal not in message.body, message.body
