"""Dashboard, alerts and scraping: they query metrics the services really expose."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

import closeloop.web.metrics  # noqa: F401  (registers the platform metrics)
from deploy.manifests import generate
from deploy.manifests.kustomize import render
from fleet.registry import SERVICES

MONITORING = generate.K8S_DIR / "base" / "monitoring"
# Metrics the dashboard and alerts use that the platform library does not define: each service
# exports its own (sla-service: clocks running and breached; routing-service: classifications).
# Once a service registers one, the test below finds it among the exposed names instead.
SERVICE_METRICS = {
    "closeloop_sla_clocks_running": "sla-service",
    "closeloop_sla_clocks_breached_total": "sla-service",
    "closeloop_classifications_total": "routing-service",
}
PROMETHEUS_BUILTINS = {"up"}
PROMQL_WORDS = {
    "sum", "by", "rate", "increase", "max", "min", "histogram_quantile", "clamp_min", "and", "or", "offset",
    "label_values", "without", "avg", "count", "le",
}


def exposed_metric_names() -> set[str]:
    """Sample names Prometheus sees for every metric registered in this process."""
    for spec in SERVICES:
        __import__(f"{spec.package}.main")
    names: set[str] = set()
    for family in REGISTRY.collect():
        if family.type == "histogram":
            names |= {f"{family.name}_bucket", f"{family.name}_sum", f"{family.name}_count"}
        elif family.type == "counter":
            names |= {f"{family.name}_total", f"{family.name}_created"}
        else:
            names.add(family.name)
    return names


def _metric_names(expression: str) -> set[str]:
    without_strings = re.sub(r'"[^"]*"', '""', expression)
    without_labels = re.sub(r"\{[^}]*\}", "", without_strings)
    without_ranges = re.sub(r"\[[^\]]*\]", "", without_labels)
    names = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", without_ranges))
    grouping = set()
    for clause in re.findall(r"\b(?:by|without)\s*\(([^)]*)\)", without_ranges):
        grouping |= {label.strip() for label in clause.split(",")}
    return {n for n in names if n not in PROMQL_WORDS and n not in grouping and not re.fullmatch(r"\d+\w*", n)}


def _dashboard() -> dict[str, Any]:
    return json.loads((MONITORING / "closeloop-dashboard.json").read_text())


def _rules() -> list[dict[str, Any]]:
    rule = yaml.safe_load((MONITORING / "prometheusrule.yaml").read_text())
    return [r for group in rule["spec"]["groups"] for r in group["rules"]]


def _expressions() -> list[str]:
    panels = [t["expr"] for p in _dashboard()["panels"] for t in p["targets"]]
    return panels + [r["expr"] for r in _rules()]


def test_expression_parser_finds_metric_names_but_not_labels_or_functions() -> None:
    expression = 'sum by (service, le) (rate(closeloop_x_bucket{status=~"5.."}[5m])) / clamp_min(up, 1e-9)'

    assert _metric_names(expression) == {"closeloop_x_bucket", "up"}


@pytest.mark.parametrize("expression", _expressions())
def test_dashboard_and_alerts_query_only_metrics_that_exist(expression: str) -> None:
    known = exposed_metric_names() | set(SERVICE_METRICS) | PROMETHEUS_BUILTINS

    assert _metric_names(expression) <= known


def test_platform_metrics_cover_http_consumers_outbox_and_dead_letters() -> None:
    used = set().union(*(_metric_names(e) for e in _expressions()))
    platform = exposed_metric_names()

    for metric in ("closeloop_http_request_seconds_bucket", "closeloop_consumer_lag",
                   "closeloop_event_processing_seconds_bucket", "closeloop_outbox_backlog",
                   "closeloop_outbox_oldest_age_seconds", "closeloop_dead_letters_total"):
        assert metric in platform and metric in used, metric


@pytest.mark.parametrize(
    ("alert", "metric"),
    [
        ("CloseloopOutboxBacklogAging", "closeloop_outbox_oldest_age_seconds"),
        ("CloseloopConsumerLagHigh", "closeloop_consumer_lag"),
        ("CloseloopDeadLetters", "closeloop_dead_letters_total"),
        ("CloseloopBreachSurge", "closeloop_sla_clocks_breached_total"),
    ],
)
def test_alert_rules_watch_backlog_age_lag_dead_letters_and_breach_surges(alert: str, metric: str) -> None:
    rules = {r["alert"]: r for r in _rules()}

    assert metric in _metric_names(rules[alert]["expr"])
    assert rules[alert]["labels"]["severity"] in ("warning", "critical")
    assert rules[alert]["annotations"]["summary"]


def test_dashboard_panels_have_unique_ids_and_do_not_overlap() -> None:
    panels = _dashboard()["panels"]
    cells = set()
    for panel in panels:
        grid = panel["gridPos"]
        for x in range(grid["x"], grid["x"] + grid["w"]):
            for y in range(grid["y"], grid["y"] + grid["h"]):
                assert (x, y) not in cells, panel["title"]
                cells.add((x, y))

    assert len({p["id"] for p in panels}) == len(panels)
    assert all(p["targets"] and all(t["refId"] and t["expr"] for t in p["targets"]) for p in panels)


def test_dashboard_is_shipped_as_a_grafana_sidecar_config_map() -> None:
    resources = render(generate.K8S_DIR / "overlays" / "prod")
    (config_map,) = [r for r in resources if r["metadata"]["name"] == "closeloop-grafana-dashboard"]

    assert config_map["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert json.loads(config_map["data"]["closeloop-dashboard.json"]) == _dashboard()


def test_service_monitor_scrapes_every_metrics_service_and_keeps_the_service_label() -> None:
    resources = render(generate.K8S_DIR / "overlays" / "prod")
    (monitor,) = [r for r in resources if r["kind"] == "ServiceMonitor"]
    wanted = monitor["spec"]["selector"]["matchLabels"]
    scraped = {r["metadata"]["name"] for r in resources if r["kind"] == "Service"
               and all(r["metadata"]["labels"].get(k) == v for k, v in wanted.items())}

    assert scraped == {f"closeloop-{s.name}-metrics" for s in SERVICES}
    assert all(e["honorLabels"] is True and e["path"] == "/metrics" for e in monitor["spec"]["endpoints"])


def test_metrics_services_select_api_and_worker_pods_but_not_migrations() -> None:
    resources = render(generate.K8S_DIR / "overlays" / "prod")
    services = {r["metadata"]["name"]: r for r in resources if r["kind"] == "Service"}
    for spec in SERVICES:
        selector = services[f"closeloop-{spec.name}-metrics"]["spec"]["selector"]
        for resource in resources:
            if resource["kind"] in ("Deployment", "Job") and resource["metadata"]["name"].startswith(
                    f"closeloop-{spec.name}-"):
                labels = resource["spec"]["template"]["metadata"]["labels"]
                selected = all(labels.get(k) == v for k, v in selector.items())
                assert selected == (resource["kind"] == "Deployment"), resource["metadata"]["name"]


def test_unknown_metric_would_be_caught() -> None:
    known = exposed_metric_names() | set(SERVICE_METRICS) | PROMETHEUS_BUILTINS

    assert not _metric_names("sum(rate(closeloop_http_requests_total[5m]))") <= known


def test_dashboard_file_is_valid_json_with_a_stable_uid() -> None:
    dashboard = json.loads(Path(MONITORING / "closeloop-dashboard.json").read_text())

    assert dashboard["uid"] == "closeloop-overview"
    assert {v["name"] for v in dashboard["templating"]["list"]} == {"datasource", "service"}
