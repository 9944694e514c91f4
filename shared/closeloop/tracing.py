"""OpenTelemetry tracing: one trace from an HTTP request through the outbox and Kafka to every consumer.

FastAPI opens the SERVER span of each request itself (its native telemetry, continuing a caller's
``traceparent``) once a tracer provider is installed; ``configure_tracing`` installs it. The outbox
stores the current context as W3C ``traceparent`` with each event, the relay sends it as a Kafka
header, the consumer continues the trace from it, and whatever a handler adds to its own outbox
continues it again.

Spans are always recorded in-process, so every log line carries its trace id (closeloop.logs); they
leave the process only when ``CLOSELOOP_OTEL_EXPORTER_OTLP_ENDPOINT`` names an OTLP/HTTP collector,
e.g. ``http://otel-collector.observability.svc:4318``.

Wiring (``closeloop.web.app.create_service_app``): call ``configure_tracing(settings)`` before the
``FastAPI(...)`` is built and pass ``telemetry=telemetry_config()`` to it.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

from fastapi.telemetry import TelemetryConfig
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_NAMESPACE, Resource
from opentelemetry.sdk.trace import Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter

from closeloop.logs import scrub
from closeloop.settings import ServiceSettings

log = logging.getLogger(__name__)

OTLP_PACKAGE = "opentelemetry-exporter-otlp-proto-http"
UNTRACED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# Span attributes that can carry what a caller typed (a phone number in a search query).
FREE_TEXT_ATTRIBUTES = ("url.query", "url.full")

_provider: TracerProvider | None = None


class ScrubPersonalData(SpanProcessor):
    """Masks phone numbers and e-mail addresses in free-text span attributes before anything sees them."""

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        for key in FREE_TEXT_ATTRIBUTES:
            value = (span.attributes or {}).get(key)
            if isinstance(value, str):
                span.set_attribute(key, scrub(value))


def configure_tracing(settings: ServiceSettings, *, exporter: SpanExporter | None = None) -> TracerProvider:
    """Install the process's tracer provider (once) and its exporters; returns the provider.

    OpenTelemetry allows one global provider per process: a second call (several services in one
    test process) reuses the first provider and only adds the exporter it is given. ``exporter`` is
    for tests (an in-memory exporter); deployments configure the OTLP endpoint instead.
    """
    global _provider
    if _provider is None:
        resource = Resource.create(
            {
                SERVICE_NAME: settings.service_name,
                SERVICE_NAMESPACE: "closeloop",
                "deployment.environment.name": settings.environment,
            }
        )
        provider = TracerProvider(resource=resource)
        provider.add_span_processor(ScrubPersonalData())
        endpoint = (settings.otel_exporter_otlp_endpoint or "").strip()
        if endpoint:
            provider.add_span_processor(BatchSpanProcessor(_otlp_exporter(endpoint)))
            log.info("exporting traces to %s", endpoint)
        trace.set_tracer_provider(provider)
        _provider = provider
    if exporter is not None:
        _provider.add_span_processor(SimpleSpanProcessor(exporter))
    return _provider


def telemetry_config() -> TelemetryConfig:
    """FastAPI's native telemetry as Closeloop wants it: request spans on the provider above, none
    for probes and scrapes, no OpenTelemetry metrics (Prometheus has them) and no OpenTelemetry
    logs (FastAPI would record rejected request values, which may be personal data)."""
    return {
        "tracing": True,
        "operation_spans": True,
        "metrics": False,
        "logs": False,
        "auto_configure": False,
        "exclude": _untraced,
    }


def _untraced(scope: MutableMapping[str, Any]) -> bool:
    return scope.get("path") in UNTRACED_PATHS


def _otlp_exporter(endpoint: str) -> SpanExporter:
    """OTLP over HTTP/protobuf to ``<endpoint>/v1/traces``; imported only when an endpoint is configured."""
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as exc:
        raise RuntimeError(f"CLOSELOOP_OTEL_EXPORTER_OTLP_ENDPOINT is set but {OTLP_PACKAGE} is not installed") from exc
    return OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")
