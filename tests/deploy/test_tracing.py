"""closeloop.tracing with FastAPI's native telemetry: a request's trace continues through the outbox's
Kafka headers into a consumer, spans are named by route, probes are not traced, personal data is
masked, and nothing is exported unless configured."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from opentelemetry import propagate, trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from closeloop.settings import ServiceSettings
import closeloop.tracing
from closeloop.tracing import ScrubPersonalData, configure_tracing, telemetry_config

EXPORTER = InMemorySpanExporter()
consumer_tracer = trace.get_tracer("closeloop.consumer")


@pytest.fixture(scope="module", autouse=True)
def provider() -> Iterator[TracerProvider]:
    """The process's provider, recording into EXPORTER for this module only (later spans are dropped)."""
    installed = configure_tracing(ServiceSettings(service_name="intake"), exporter=EXPORTER)
    yield installed
    EXPORTER.shutdown()


def _app(outbox_headers: list[dict[str, str]]) -> FastAPI:
    app = FastAPI(telemetry=telemetry_config())

    @app.post("/feedback/{feedback_id}")
    async def receive(feedback_id: str) -> dict[str, str]:
        headers: dict[str, str] = {}
        propagate.inject(headers)  # what Outbox.add stores with the event for the relay's Kafka headers
        outbox_headers.append(headers)
        return {"feedback_id": feedback_id}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/customers")
    async def search(q: str = "") -> dict[str, str]:
        return {"q": "masked"}

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("broken")

    return app


def _server_span():  # type: ignore[no-untyped-def]
    (server,) = [s for s in EXPORTER.get_finished_spans() if s.kind == SpanKind.SERVER]
    return server


def _ancestors(span) -> list[int]:  # type: ignore[no-untyped-def]
    """Span ids from ``span``'s parent up to the root, through the spans recorded so far."""
    by_id = {s.context.span_id: s for s in EXPORTER.get_finished_spans()}
    chain = []
    while span.parent is not None:
        chain.append(span.parent.span_id)
        span = by_id.get(span.parent.span_id)
        if span is None:
            break
    return chain


@pytest_asyncio.fixture
async def client_and_headers() -> AsyncIterator[tuple[httpx.AsyncClient, list[dict[str, str]]]]:
    EXPORTER.clear()
    headers: list[dict[str, str]] = []
    transport = httpx.ASGITransport(app=_app(headers), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
        yield client, headers


async def test_trace_continues_from_the_request_through_kafka_headers_into_the_consumer(client_and_headers) -> None:  # type: ignore[no-untyped-def]
    client, headers = client_and_headers

    response = await client.post("/feedback/FB-1")
    # What EventConsumer.process does with the record's headers (closeloop.messaging.consumer):
    kafka_headers = [(k, v.encode()) for k, v in headers[0].items()]
    context = propagate.extract({k: v.decode() for k, v in kafka_headers})
    with consumer_tracer.start_as_current_span("consume closeloop.feedback.received.v1", context=context):
        downstream: dict[str, str] = {}
        propagate.inject(downstream)  # a handler's own outbox event continues the same trace

    assert response.status_code == 200
    server = _server_span()
    (consumer,) = [s for s in EXPORTER.get_finished_spans() if s.name.startswith("consume ")]
    assert "traceparent" in headers[0]
    assert server.kind == SpanKind.SERVER
    assert consumer.context.trace_id == server.context.trace_id
    assert server.context.span_id in _ancestors(consumer)
    assert downstream["traceparent"].split("-")[1] == format(server.context.trace_id, "032x")


async def test_incoming_traceparent_is_continued(client_and_headers) -> None:  # type: ignore[no-untyped-def]
    client, _ = client_and_headers
    caller_trace = "4bf92f3577b34da6a3ce929d0e0e4736"

    await client.post("/feedback/FB-2", headers={"traceparent": f"00-{caller_trace}-00f067aa0ba902b7-01"})

    server = _server_span()
    assert format(server.context.trace_id, "032x") == caller_trace
    assert server.parent is not None and format(server.parent.span_id, "016x") == "00f067aa0ba902b7"


async def test_server_span_is_named_by_route_template_not_by_path(client_and_headers) -> None:  # type: ignore[no-untyped-def]
    client, _ = client_and_headers

    await client.post("/feedback/FB-20261122-000123")

    server = _server_span()
    assert server.name == "POST /feedback/{feedback_id}"
    assert server.attributes["http.route"] == "/feedback/{feedback_id}"
    assert server.attributes["http.response.status_code"] == 200


async def test_server_errors_mark_the_span_as_failed(client_and_headers) -> None:  # type: ignore[no-untyped-def]
    client, _ = client_and_headers

    response = await client.get("/boom")

    server = _server_span()
    assert response.status_code == 500
    assert not server.status.is_ok


async def test_probes_are_not_traced(client_and_headers) -> None:  # type: ignore[no-untyped-def]
    client, _ = client_and_headers

    await client.get("/healthz")

    assert EXPORTER.get_finished_spans() == ()


async def test_phone_numbers_in_query_strings_are_masked_in_spans(client_and_headers) -> None:  # type: ignore[no-untyped-def]
    client, _ = client_and_headers

    await client.get("/customers", params={"q": "13812345678", "email": "wang.li@example.com"})

    query = _server_span().attributes["url.query"]
    assert "13812345678" not in query and "138****5678" in query
    assert "wang.li@example.com" not in query


def test_spans_stay_in_process_unless_an_otlp_endpoint_is_configured(provider: TracerProvider) -> None:
    processors = provider._active_span_processor._span_processors  # noqa: SLF001 (no public accessor)

    assert ServiceSettings().otel_exporter_otlp_endpoint is None
    assert not any(isinstance(p, BatchSpanProcessor) for p in processors)
    assert "opentelemetry.exporter.otlp.proto.http.trace_exporter" not in sys.modules


def test_configuring_again_keeps_the_first_provider(provider: TracerProvider) -> None:
    again = configure_tracing(ServiceSettings(service_name="routing"))

    assert again is provider
    assert trace.get_tracer_provider() is provider


@pytest.mark.parametrize("endpoint", [None, "", "  "])
def test_no_exporter_is_attached_without_an_endpoint(monkeypatch: pytest.MonkeyPatch, endpoint: str | None) -> None:
    monkeypatch.setattr(closeloop.tracing, "_provider", None)
    monkeypatch.setattr(trace, "set_tracer_provider", lambda provider: None)

    fresh = configure_tracing(ServiceSettings(service_name="sla", otel_exporter_otlp_endpoint=endpoint))

    processors = fresh._active_span_processor._span_processors  # noqa: SLF001
    assert [type(p) for p in processors] == [ScrubPersonalData]
    assert fresh.resource.attributes["service.name"] == "sla"
