"""Renders the kustomize subset deploy/k8s uses, in pure Python, so tests and CI need no binary.

Supported kustomization fields: ``resources`` (files and directories), ``namespace``, ``labels``
(metadata labels only), ``images``, ``patches`` (RFC 6902 JSON patches with a ``target``) and
``configMapGenerator`` (``files``/``literals`` without name-hash suffixes). Anything else is refused
with an error naming the field, so the overlays cannot drift into features this renderer would
silently get wrong. Transformers run in kustomize's order: patches, namespace, labels, images.
``python -m deploy.manifests compare`` diffs this renderer against a real kustomize when one is at hand.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]

SUPPORTED_FIELDS = {
    "apiVersion", "kind", "resources", "namespace", "labels", "images", "patches",
    "configMapGenerator", "generatorOptions",
}
CLUSTER_SCOPED_KINDS = {
    "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
    "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
    "ClusterTriggerAuthentication",
}
KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


class KustomizeError(ValueError):
    """A kustomization this renderer cannot render faithfully; the message names the file and field."""


def render(directory: Path | str) -> list[Resource]:
    """Build the kustomization in ``directory``, as ``kustomize build`` would (order aside)."""
    return _build(Path(directory).resolve())


def render_yaml(directory: Path | str) -> str:
    return yaml.safe_dump_all(render(directory), sort_keys=False, width=120)


def _kustomization_file(directory: Path) -> Path:
    for name in KUSTOMIZATION_NAMES:
        if (directory / name).is_file():
            return directory / name
    raise KustomizeError(f"{directory}: no kustomization.yaml")


def _build(directory: Path) -> list[Resource]:
    path = _kustomization_file(directory)
    spec = yaml.safe_load(path.read_text()) or {}
    unsupported = set(spec) - SUPPORTED_FIELDS
    if unsupported:
        raise KustomizeError(f"{path}: unsupported field(s) {sorted(unsupported)}")

    resources: list[Resource] = []
    for entry in spec.get("resources", []):
        target = (directory / entry).resolve()
        if target.is_dir():
            resources.extend(_build(target))
        elif target.is_file():
            resources.extend(doc for doc in yaml.safe_load_all(target.read_text()) if doc)
        else:
            raise KustomizeError(f"{path}: resource {entry!r} does not exist")
    resources.extend(_generate_config_maps(directory, path, spec))
    _refuse_duplicates(path, resources)

    for patch in spec.get("patches", []):
        _apply_patch(directory, path, patch, resources)
    if "namespace" in spec:
        for resource in resources:
            if resource.get("kind") not in CLUSTER_SCOPED_KINDS:
                resource.setdefault("metadata", {})["namespace"] = spec["namespace"]
    for label in spec.get("labels", []):
        if label.get("includeSelectors") or label.get("includeTemplates"):
            raise KustomizeError(f"{path}: labels with includeSelectors/includeTemplates are not supported")
        for resource in resources:
            resource.setdefault("metadata", {}).setdefault("labels", {}).update(label.get("pairs", {}))
    for image in spec.get("images", []):
        for resource in resources:
            _set_image(resource, image)
    return resources


def _refuse_duplicates(path: Path, resources: list[Resource]) -> None:
    seen: set[tuple[str, str, str]] = set()
    for resource in resources:
        key = (resource.get("kind", ""), resource["metadata"].get("namespace", ""), resource["metadata"]["name"])
        if key in seen:
            raise KustomizeError(f"{path}: duplicate resource {key}")
        seen.add(key)


def _generate_config_maps(directory: Path, path: Path, spec: dict[str, Any]) -> list[Resource]:
    global_options = spec.get("generatorOptions", {})
    generated = []
    for generator in spec.get("configMapGenerator", []):
        options = {**global_options, **generator.get("options", {})}
        if not options.get("disableNameSuffixHash"):
            raise KustomizeError(f"{path}: configMapGenerator {generator.get('name')!r} needs disableNameSuffixHash")
        if generator.get("behavior", "create") != "create" or "envs" in generator:
            raise KustomizeError(f"{path}: only configMapGenerator with behavior create, files and literals")
        data: dict[str, str] = {}
        for literal in generator.get("literals", []):
            key, _, value = literal.partition("=")
            data[key] = value
        for entry in generator.get("files", []):
            key, _, source = entry.rpartition("=") if "=" in entry else ("", "", entry)
            file = (directory / source).resolve()
            if directory not in file.parents:
                raise KustomizeError(f"{path}: file {source!r} is outside the kustomization directory")
            data[key or file.name] = file.read_text()
        metadata: dict[str, Any] = {"name": generator["name"]}
        labels = {**options.get("labels", {})}
        annotations = {**options.get("annotations", {})}
        if labels:
            metadata["labels"] = labels
        if annotations:
            metadata["annotations"] = annotations
        generated.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": data})
    return generated


def _apply_patch(directory: Path, path: Path, patch: dict[str, Any], resources: list[Resource]) -> None:
    text = patch.get("patch") if "patch" in patch else (directory / patch["path"]).read_text()
    operations = yaml.safe_load(text)
    if not isinstance(operations, list):
        raise KustomizeError(f"{path}: only JSON 6902 patches (a list of operations) are supported")
    target = patch.get("target")
    if not target:
        raise KustomizeError(f"{path}: a JSON 6902 patch needs a target")
    matched = [r for r in resources if _matches(r, target)]
    if not matched:
        raise KustomizeError(f"{path}: patch target {target} matches no resource")
    for resource in matched:
        for operation in operations:
            _apply_operation(resource, operation, where=f"{path} on {resource['kind']}/{resource['metadata']['name']}")


def _matches(resource: Resource, target: dict[str, Any]) -> bool:
    api_version = resource.get("apiVersion", "")
    group, _, version = api_version.rpartition("/")
    metadata = resource.get("metadata", {})
    checks = {
        "kind": resource.get("kind"),
        "group": group,
        "version": version,
        "name": metadata.get("name"),
        "namespace": metadata.get("namespace"),
    }
    for field, actual in checks.items():
        wanted = target.get(field)
        if wanted is not None and not re.fullmatch(wanted, actual or ""):
            return False
    selector = target.get("labelSelector")
    if selector:
        labels = metadata.get("labels", {})
        for requirement in selector.split(","):
            key, _, value = requirement.partition("=")
            if labels.get(key.strip()) != value.strip():
                return False
    if target.get("annotationSelector"):
        raise KustomizeError("annotationSelector is not supported")
    return True


def _pointer(path: str) -> list[str]:
    if not path.startswith("/"):
        raise KustomizeError(f"JSON pointer {path!r} must start with '/'")
    return [part.replace("~1", "/").replace("~0", "~") for part in path[1:].split("/")]


def _apply_operation(resource: Resource, operation: dict[str, Any], *, where: str) -> None:
    op = operation.get("op")
    parts = _pointer(operation["path"])
    parent = resource
    for part in parts[:-1]:
        parent = _child(parent, part, where=where, path=operation["path"])
    last = parts[-1]
    if op in ("add", "replace"):
        value = copy.deepcopy(operation["value"])
        if isinstance(parent, list):
            if last == "-" and op == "add":
                parent.append(value)
            else:
                index = _index(parent, last, where=where, path=operation["path"], appending=op == "add")
                if op == "add":
                    parent.insert(index, value)
                else:
                    parent[index] = value
        else:
            if op == "replace" and last not in parent:
                raise KustomizeError(f"{where}: replace of missing {operation['path']}")
            parent[last] = value
    elif op == "remove":
        if isinstance(parent, list):
            del parent[_index(parent, last, where=where, path=operation["path"])]
        elif last in parent:
            del parent[last]
        else:
            raise KustomizeError(f"{where}: remove of missing {operation['path']}")
    else:
        raise KustomizeError(f"{where}: JSON patch op {op!r} is not supported (add, replace, remove)")


def _child(node: Any, part: str, *, where: str, path: str) -> Any:
    if isinstance(node, list):
        return node[_index(node, part, where=where, path=path)]
    if isinstance(node, dict) and part in node:
        return node[part]
    raise KustomizeError(f"{where}: path {path} does not exist")


def _index(items: list[Any], part: str, *, where: str, path: str, appending: bool = False) -> int:
    if not part.isdigit() or int(part) > len(items) or (int(part) == len(items) and not appending):
        raise KustomizeError(f"{where}: index {part!r} out of range in {path}")
    return int(part)


def _set_image(node: Any, image: dict[str, str]) -> None:
    """Rewrite every container image named ``image['name']``, wherever containers appear."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("containers", "initContainers") and isinstance(value, list):
                for container in value:
                    if isinstance(container, dict) and "image" in container:
                        container["image"] = _new_image(container["image"], image)
            else:
                _set_image(value, image)
    elif isinstance(node, list):
        for item in node:
            _set_image(item, image)


def _new_image(current: str, image: dict[str, str]) -> str:
    name, tag, digest = current, "", ""
    if "@" in name:
        name, digest = name.split("@", 1)
        digest = "@" + digest
    elif ":" in name.rsplit("/", 1)[-1]:
        name, tag = name.rsplit(":", 1)
        tag = ":" + tag
    if name != image["name"]:
        return current
    name = image.get("newName", name)
    if "digest" in image:
        return f"{name}@{image['digest']}"
    if "newTag" in image:
        return f"{name}:{image['newTag']}"
    return f"{name}{tag}{digest}"
