"""Offline validation of rendered manifests: core kinds against the Kubernetes OpenAPI schemas
(kubernetes-validate, strict: unknown fields are errors), custom resources against the vendored CRDs.

A CRD's schema is made strict the way the API server's pruning would surface it: an object that lists
its properties and does not preserve unknown fields rejects any other field, so a misspelt field fails
here instead of being silently dropped by the cluster.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
KUBERNETES_VERSION = "1.33.0"


class ManifestError(ValueError):
    """One rendered resource does not match its schema; the message names the resource and the field."""


def resource_name(resource: dict[str, Any]) -> str:
    meta = resource.get("metadata", {})
    return f"{resource.get('kind')}/{meta.get('name')}"


@cache
def custom_resource_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> strict JSON schema, for every vendored CRD version."""
    schemas: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted((SCHEMAS_DIR / "crds").glob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            schema = version["schema"]["openAPIV3Schema"]
            schemas[(f"{group}/{version['name']}", kind)] = strict_schema(schema)
    return schemas


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI v3 (Kubernetes dialect) to a JSON schema that refuses unknown fields."""
    node = copy.deepcopy(schema)
    _strict(node)
    return node


def _strict(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _strict(item)
        return
    if not isinstance(node, dict):
        return
    if node.pop("x-kubernetes-int-or-string", False):
        node.pop("type", None)
        node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.pop("nullable", False) and "type" in node:
        node["type"] = [node["type"], "null"]
    preserve = node.pop("x-kubernetes-preserve-unknown-fields", False)
    if "properties" in node and "additionalProperties" not in node and not preserve:
        node["additionalProperties"] = False
    for key, value in list(node.items()):
        if key.startswith("x-kubernetes-"):
            del node[key]
        elif key in ("properties", "patternProperties"):
            for child in value.values():
                _strict(child)
        elif key in ("items", "additionalProperties", "not"):
            _strict(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            _strict(value)


def validate_resource(resource: dict[str, Any], *, kubernetes_version: str = KUBERNETES_VERSION) -> None:
    key = (resource.get("apiVersion", ""), resource.get("kind", ""))
    custom = custom_resource_schemas().get(key)
    if custom is not None:
        errors = sorted(jsonschema.Draft7Validator(custom).iter_errors(resource), key=lambda e: list(e.path))
        if errors:
            error = errors[0]
            where = "/".join(str(p) for p in error.path)
            raise ManifestError(f"{resource_name(resource)}: {where}: {error.message}")
        return
    try:
        kubernetes_validate.validate(resource, kubernetes_version, strict=True)
    except kubernetes_validate.SchemaNotFoundError as exc:
        raise ManifestError(f"{resource_name(resource)}: no schema for {key} (vendor its CRD?)") from exc
    except kubernetes_validate.ValidationError as exc:
        where = "/".join(str(p) for p in exc.path)
        raise ManifestError(f"{resource_name(resource)}: {where}: {exc.message}") from exc


def validate_all(resources: list[dict[str, Any]]) -> list[str]:
    """Every problem found, one line each (empty when all resources are valid)."""
    problems = []
    for resource in resources:
        try:
            validate_resource(resource)
        except ManifestError as exc:
            problems.append(str(exc))
    return problems
