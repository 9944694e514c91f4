"""The pure-Python kustomize renderer: the subset deploy/k8s uses, and a refusal of everything else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from deploy.manifests import generate
from deploy.manifests.kustomize import KustomizeError, render

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "closeloop-intake-api", "labels": {"tier": "api"}},
    "spec": {
        "replicas": 2,
        "template": {"spec": {"containers": [{"name": "intake", "image": "closeloop"}],
                              "initContainers": [{"name": "wait", "image": "busybox:1.36"}]}},
    },
}
CONFIG_MAP = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "closeloop-intake"}, "data": {"A": "1"}}


def _write(directory: Path, kustomization: dict, **files: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "kustomization.yaml").write_text(yaml.safe_dump(kustomization))
    for name, content in files.items():
        path = directory / name.replace("__", ".")
        path.write_text(content if isinstance(content, str) else yaml.safe_dump_all(content))
    return directory


def _base(tmp_path: Path) -> Path:
    return _write(tmp_path / "base", {"resources": ["app.yaml"]}, app__yaml=[DEPLOYMENT, CONFIG_MAP])


def test_overlay_sets_namespace_labels_and_image_on_the_base(tmp_path: Path) -> None:
    _base(tmp_path)
    overlay = _write(tmp_path / "overlay", {
        "resources": ["../base"],
        "namespace": "closeloop",
        "labels": [{"pairs": {"env": "prod"}}],
        "images": [{"name": "closeloop", "newName": "registry.example.com/closeloop", "newTag": "1.2.3"}],
    })

    deployment, config_map = render(overlay)

    assert deployment["metadata"] == {"name": "closeloop-intake-api", "namespace": "closeloop",
                                      "labels": {"tier": "api", "env": "prod"}}
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.example.com/closeloop:1.2.3"
    assert deployment["spec"]["template"]["spec"]["initContainers"][0]["image"] == "busybox:1.36"
    assert config_map["metadata"]["namespace"] == "closeloop"


def test_json_patches_apply_to_every_target_matching_kind_and_name_pattern(tmp_path: Path) -> None:
    _base(tmp_path)
    overlay = _write(tmp_path / "overlay", {
        "resources": ["../base"],
        "patches": [
            {"target": {"kind": "Deployment", "name": "closeloop-.*-api"},
             "patch": "- {op: replace, path: /spec/replicas, value: 5}\n"
                      "- {op: add, path: /spec/template/spec/containers/0/args, value: [api, intake]}\n"},
            {"target": {"kind": "ConfigMap"},
             "patch": "- {op: add, path: /data/B, value: '2'}\n- {op: remove, path: /data/A}\n"},
        ],
    })

    deployment, config_map = render(overlay)

    assert deployment["spec"]["replicas"] == 5
    assert deployment["spec"]["template"]["spec"]["containers"][0]["args"] == ["api", "intake"]
    assert config_map["data"] == {"B": "2"}


def test_patch_targets_are_matched_before_the_namespace_is_set_and_a_miss_is_an_error(tmp_path: Path) -> None:
    """kustomize patches before setting the namespace too, but silently skips a target that matches
    nothing; this renderer refuses it, so an overlay cannot carry a patch that does nothing."""
    _base(tmp_path)
    overlay = _write(tmp_path / "overlay", {
        "resources": ["../base"],
        "namespace": "elsewhere",
        "patches": [{"target": {"kind": "ConfigMap", "namespace": "elsewhere"},
                     "patch": "- {op: add, path: /data/B, value: '2'}\n"}],
    })

    with pytest.raises(KustomizeError, match="matches no resource"):
        render(overlay)


def test_replacing_a_missing_field_is_an_error(tmp_path: Path) -> None:
    _base(tmp_path)
    overlay = _write(tmp_path / "overlay", {
        "resources": ["../base"],
        "patches": [{"target": {"kind": "ConfigMap"}, "patch": "- {op: replace, path: /data/MISSING, value: x}\n"}],
    })

    with pytest.raises(KustomizeError, match="replace of missing /data/MISSING"):
        render(overlay)


@pytest.mark.parametrize(
    "kustomization",
    [
        {"resources": ["../base"], "commonLabels": {"a": "b"}},
        {"resources": ["../base"], "patches": [{"patch": "kind: ConfigMap\nmetadata: {name: closeloop-intake}\n"}]},
        {"resources": ["../base"], "labels": [{"pairs": {"a": "b"}, "includeSelectors": True}]},
        {"resources": ["../base"], "configMapGenerator": [{"name": "x", "literals": ["A=1"]}]},
    ],
    ids=["commonLabels", "strategic-merge-patch", "selector-labels", "hashed-generator"],
)
def test_features_outside_the_supported_subset_are_refused(tmp_path: Path, kustomization: dict) -> None:
    _base(tmp_path)

    with pytest.raises(KustomizeError):
        render(_write(tmp_path / "overlay", kustomization))


def test_config_map_generator_reads_files_inside_the_kustomization(tmp_path: Path) -> None:
    directory = _write(tmp_path / "mon", {
        "configMapGenerator": [{"name": "dash", "files": ["board.json"], "literals": ["K=v"],
                                "options": {"disableNameSuffixHash": True, "labels": {"grafana_dashboard": "1"}}}],
    }, board__json='{"a": 1}')

    (config_map,) = render(directory)

    assert config_map["metadata"] == {"name": "dash", "labels": {"grafana_dashboard": "1"}}
    assert config_map["data"] == {"K": "v", "board.json": '{"a": 1}'}


def test_duplicate_resources_are_refused(tmp_path: Path) -> None:
    directory = _write(tmp_path / "dup", {"resources": ["a.yaml", "b.yaml"]}, a__yaml=[CONFIG_MAP], b__yaml=[CONFIG_MAP])

    with pytest.raises(KustomizeError, match="duplicate"):
        render(directory)


def test_committed_generated_manifests_are_up_to_date() -> None:
    stale = generate.stale_files()

    assert stale == [], "run `python -m deploy.manifests generate` and commit the result"
