"""The rendered dev and prod overlays: schema-valid, and shaped the way ops rely on."""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

import pytest
import yaml

from closeloop.contracts import topics as contract
from closeloop.messaging.consumer import EventConsumer
from deploy.manifests import generate
from deploy.manifests.kustomize import render
from deploy.manifests.validate import ManifestError, validate_all, validate_resource
from fleet.registry import SERVICES

NAMES = [spec.name for spec in SERVICES]
APPS = ["overlays/dev", "overlays/prod"]
TOPICS = ["overlays/dev/topics", "overlays/prod/topics"]


@cache
def rendered(overlay: str) -> tuple[dict[str, Any], ...]:
    return tuple(render(generate.K8S_DIR / overlay))


def of_kind(overlay: str, kind: str) -> dict[str, dict[str, Any]]:
    return {r["metadata"]["name"]: r for r in rendered(overlay) if r["kind"] == kind}


def pod_templates(overlay: str) -> dict[str, dict[str, Any]]:
    return {name: r["spec"]["template"] for kind in ("Deployment", "Job") for name, r in of_kind(overlay, kind).items()}


@pytest.mark.parametrize("overlay", APPS + TOPICS)
def test_overlay_renders_resources_valid_against_kubernetes_and_crd_schemas(overlay: str) -> None:
    resources = rendered(overlay)

    assert resources
    assert validate_all(list(resources)) == []


def test_validation_rejects_an_unknown_field_in_a_core_resource() -> None:
    deployment = copy.deepcopy(of_kind("overlays/prod", "Deployment")["closeloop-intake-api"])
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}

    with pytest.raises(ManifestError, match="livenesProbe"):
        validate_resource(deployment)


@pytest.mark.parametrize(
    ("kind", "name", "path", "field"),
    [
        ("ScaledObject", "closeloop-sla-worker", ("spec",), "maxReplicas"),
        ("ServiceMonitor", "closeloop", ("spec", "endpoints", 0), "honourLabels"),
        ("PrometheusRule", "closeloop", ("spec", "groups", 0), "rule"),
    ],
)
def test_validation_rejects_an_unknown_field_in_a_custom_resource(kind: str, name: str, path: tuple, field: str) -> None:
    resource = copy.deepcopy(of_kind("overlays/prod", kind)[name])
    node = resource
    for step in path:
        node = node[step]
    node[field] = 1

    with pytest.raises(ManifestError, match=field):
        validate_resource(resource)


def test_validation_rejects_a_kafka_topic_without_partitions_below_one() -> None:
    topic = copy.deepcopy(next(iter(of_kind("overlays/prod/topics", "KafkaTopic").values())))
    topic["spec"]["partitions"] = 0

    with pytest.raises(ManifestError, match="partitions"):
        validate_resource(topic)


# ---- topics -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("overlay", TOPICS)
def test_a_kafka_topic_exists_for_every_contract_topic_and_dead_letter_topic(overlay: str) -> None:
    topics = of_kind(overlay, "KafkaTopic")

    assert sorted(t["spec"]["topicName"] for t in topics.values()) == sorted(contract.all_topic_names())
    assert all(t["metadata"]["labels"]["strimzi.io/cluster"] == generate.KAFKA_CLUSTER for t in topics.values())


def test_production_topics_are_replicated_three_times_with_two_in_sync() -> None:
    for topic in of_kind("overlays/prod/topics", "KafkaTopic").values():
        assert topic["spec"]["replicas"] == 3
        assert topic["spec"]["config"]["min.insync.replicas"] == "2"
        assert int(topic["spec"]["config"]["retention.ms"]) >= 30 * 24 * 3600 * 1000 or \
            topic["spec"]["topicName"] in {t.name for t in contract.TOPICS}


def test_topic_retention_follows_the_contract() -> None:
    topics = of_kind("overlays/prod/topics", "KafkaTopic")

    for topic in contract.TOPICS:
        assert topics[topic.name]["spec"]["config"]["retention.ms"] == str(topic.retention_days * 86_400_000)


def test_dev_topics_fit_a_single_broker() -> None:
    for topic in of_kind("overlays/dev/topics", "KafkaTopic").values():
        assert topic["spec"]["replicas"] == 1
        assert topic["spec"]["config"]["min.insync.replicas"] == "1"


# ---- workloads ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("overlay", APPS)
@pytest.mark.parametrize("service", NAMES)
def test_each_service_has_its_deployments_service_config_account_and_budgets(overlay: str, service: str) -> None:
    name = f"closeloop-{service}"

    assert {f"{name}-api", f"{name}-worker"} <= set(of_kind(overlay, "Deployment"))
    assert {name, f"{name}-metrics"} <= set(of_kind(overlay, "Service"))
    assert name in of_kind(overlay, "ConfigMap")
    assert {name, f"{name}-migration"} <= set(of_kind(overlay, "ServiceAccount"))
    assert {f"{name}-api", f"{name}-worker"} <= set(of_kind(overlay, "PodDisruptionBudget"))


@pytest.mark.parametrize("overlay", APPS)
def test_roles_are_chosen_by_argument_and_the_image_is_the_overlays(overlay: str) -> None:
    image = {"overlays/dev": "closeloop:dev", "overlays/prod": "registry.example.com/closeloop/closeloop:0.1.0"}
    for name, template in pod_templates(overlay).items():
        service, role = re.fullmatch(r"closeloop-(\w+)-(api|worker|migrate)", name).groups()
        (container,) = template["spec"]["containers"]
        assert container["image"] == image[overlay]
        assert container["args"] == [{"migrate": "provision"}.get(role, role), service]


@pytest.mark.parametrize("overlay", APPS)
def test_every_pod_runs_non_root_read_only_without_privileges_or_api_token(overlay: str) -> None:
    for template in pod_templates(overlay).values():
        spec = template["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert spec["automountServiceAccountToken"] is False
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True
            assert security["allowPrivilegeEscalation"] is False
            assert security["capabilities"] == {"drop": ["ALL"]}
            assert {"cpu", "memory"} <= set(container["resources"]["requests"])
            assert {"cpu", "memory"} <= set(container["resources"]["limits"])
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]


@pytest.mark.parametrize("overlay", APPS)
def test_server_pods_probe_healthz_readyz_and_have_a_startup_probe(overlay: str) -> None:
    for deployment in of_kind(overlay, "Deployment").values():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"


def test_termination_grace_outlasts_prestop_uvicorn_shutdown_and_worker_drain() -> None:
    # uvicorn --timeout-graceful-shutdown 15 (fleet.supervisor), then up to 15 s for the workers to
    # finish their batch (closeloop.web.app lifespan); a batch cut short is redelivered and deduplicated.
    needed = generate.PRESTOP_SECONDS + 15 + 15
    for deployment in of_kind("overlays/prod", "Deployment").values():
        assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > needed


# ---- secrets --------------------------------------------------------------------------------------------

def _secret_refs(template: dict[str, Any]) -> set[str]:
    refs = set()
    for container in template["spec"]["containers"]:
        for env in container.get("env", []):
            ref = env.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                refs.add(ref["name"])
        for source in container.get("envFrom", []):
            if "secretRef" in source:
                refs.add(source["secretRef"]["name"])
    return refs


@pytest.mark.parametrize("overlay", APPS)
def test_no_secret_is_committed_and_database_credentials_reach_only_their_service(overlay: str) -> None:
    assert of_kind(overlay, "Secret") == {}
    for name, template in pod_templates(overlay).items():
        service = name.split("-")[1]
        database_secrets = {ref for ref in _secret_refs(template) if ref.endswith("-db")}
        assert database_secrets == {f"closeloop-{service}-db"}, name


def test_personal_data_keys_reach_only_intake() -> None:
    for name, template in pod_templates("overlays/prod").items():
        assert ("closeloop-intake-pii" in _secret_refs(template)) == name.startswith("closeloop-intake-")


def test_config_maps_carry_no_secrets() -> None:
    for config_map in of_kind("overlays/prod", "ConfigMap").values():
        for key in config_map.get("data", {}):
            assert not re.search(r"SECRET|PASSWORD|PII_KEY|DATABASE_URL", key), key


# ---- migrations -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("service", NAMES)
def test_each_service_migrates_in_its_own_job_with_its_own_account(service: str) -> None:
    job = of_kind("overlays/prod", "Job")[f"closeloop-{service}-migrate"]
    spec = job["spec"]["template"]["spec"]

    assert spec["restartPolicy"] == "Never"
    assert spec["serviceAccountName"] == f"closeloop-{service}-migration"
    assert spec["containers"][0]["args"] == ["provision", service]


def test_migrations_can_be_applied_alone_by_label_before_the_rollout() -> None:
    """`kubectl apply -k ... -l 'closeloop.io/role in (common,migration)'` must bring everything a
    migration Job needs: its account, its network policy and the namespace-wide ones."""
    selected = [r for r in rendered("overlays/prod")
                if r["metadata"].get("labels", {}).get("closeloop.io/role") in ("common", "migration")]
    kinds = {(r["kind"], r["metadata"]["name"]) for r in selected}

    for service in NAMES:
        assert ("Job", f"closeloop-{service}-migrate") in kinds
        assert ("ServiceAccount", f"closeloop-{service}-migration") in kinds
        assert ("NetworkPolicy", f"closeloop-{service}-migration") in kinds
    assert {("NetworkPolicy", "closeloop-default-deny"), ("NetworkPolicy", "closeloop-allow-dns")} <= kinds
    assert not any(kind in ("Deployment", "ConfigMap") for kind, _ in kinds)


# ---- scaling --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("overlay", APPS)
@pytest.mark.parametrize("service", NAMES)
def test_http_side_scales_on_cpu_with_an_hpa(overlay: str, service: str) -> None:
    hpa = of_kind(overlay, "HorizontalPodAutoscaler")[f"closeloop-{service}-api"]

    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": f"closeloop-{service}-api"}
    assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


@pytest.mark.parametrize("service", NAMES)
def test_workers_scale_on_the_lag_of_every_consumed_topic_up_to_its_partitions(service: str) -> None:
    scaled = of_kind("overlays/prod", "ScaledObject")[f"closeloop-{service}-worker"]["spec"]
    partitions = {t["spec"]["topicName"]: t["spec"]["partitions"]
                  for t in of_kind("overlays/prod/topics", "KafkaTopic").values()}
    consumed = contract.consumed_by(service)
    group = EventConsumer(service=service, database=None, metadata=_metadata(), handlers={}, topics=[],
                          bootstrap_servers="").group_id

    assert scaled["scaleTargetRef"]["name"] == f"closeloop-{service}-worker"
    assert sorted(t["metadata"]["topic"] for t in scaled["triggers"]) == sorted(consumed)
    assert {t["metadata"]["consumerGroup"] for t in scaled["triggers"]} == {group}
    assert all(t["type"] == "kafka" and t["metadata"]["allowIdleConsumers"] == "false" for t in scaled["triggers"])
    assert scaled["maxReplicaCount"] == max(partitions[t] for t in consumed)
    assert scaled["minReplicaCount"] >= 1


def test_no_deployment_is_scaled_by_both_an_hpa_and_keda() -> None:
    by_hpa = {h["spec"]["scaleTargetRef"]["name"] for h in of_kind("overlays/prod", "HorizontalPodAutoscaler").values()}
    by_keda = {s["spec"]["scaleTargetRef"]["name"] for s in of_kind("overlays/prod", "ScaledObject").values()}

    assert by_hpa and by_keda and not by_hpa & by_keda
    assert all("replicas" not in of_kind("overlays/prod", "Deployment")[name]["spec"] for name in by_keda)


def _metadata():  # type: ignore[no-untyped-def]
    from sqlalchemy import MetaData

    return MetaData(schema="probe")


# ---- network --------------------------------------------------------------------------------------------

def _selects(policy: dict[str, Any], labels: dict[str, str]) -> bool:
    wanted = policy["spec"]["podSelector"].get("matchLabels", {})
    return all(labels.get(k) == v for k, v in wanted.items())


@pytest.mark.parametrize("overlay", APPS)
def test_every_pod_is_under_default_deny_and_its_own_role_policy(overlay: str) -> None:
    policies = of_kind(overlay, "NetworkPolicy")
    deny = policies["closeloop-default-deny"]

    assert deny["spec"]["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in deny["spec"]
    for name, template in pod_templates(overlay).items():
        labels = template["metadata"]["labels"]
        own = [p for n, p in policies.items() if n not in ("closeloop-default-deny", "closeloop-allow-dns")
               and _selects(p, labels)]
        assert _selects(deny, labels), name
        assert len(own) == 1, name


def _egress_ports(policy: dict[str, Any]) -> set[int]:
    return {port["port"] for rule in policy["spec"]["egress"] for port in rule.get("ports", [])}


@pytest.mark.parametrize("service", NAMES)
def test_migration_pods_reach_only_the_database(service: str) -> None:
    policy = of_kind("overlays/prod", "NetworkPolicy")[f"closeloop-{service}-migration"]

    assert _egress_ports(policy) == {generate.POSTGRES_PORT}
    assert policy["spec"]["ingress"] == []


def test_only_sla_workers_may_call_webhooks_outside_the_cluster() -> None:
    policies = of_kind("overlays/prod", "NetworkPolicy")

    for service in NAMES:
        assert (443 in _egress_ports(policies[f"closeloop-{service}-worker"])) == (service == "sla")
        assert 443 not in _egress_ports(policies[f"closeloop-{service}-api"])


def test_prod_overlay_exports_traces_and_dev_does_not() -> None:
    key = "CLOSELOOP_OTEL_EXPORTER_OTLP_ENDPOINT"
    for service in NAMES:
        assert of_kind("overlays/prod", "ConfigMap")[f"closeloop-{service}"]["data"][key].startswith("http://")
        assert key not in of_kind("overlays/dev", "ConfigMap")[f"closeloop-{service}"]["data"]


def test_rendered_yaml_round_trips() -> None:
    text = yaml.safe_dump_all(list(rendered("overlays/prod")))

    assert len(list(yaml.safe_load_all(text))) == len(rendered("overlays/prod"))
