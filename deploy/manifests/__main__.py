"""`python -m deploy.manifests {generate [--check] | render DIR | validate [DIR ...] | compare DIR}`."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from deploy.manifests import generate, kustomize, validate

OVERLAYS = ["overlays/dev", "overlays/dev/topics", "overlays/prod", "overlays/prod/topics"]


def _directory(name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() or path.exists() else generate.K8S_DIR / name


def _key(resource: dict) -> tuple[str, str, str, str]:
    meta = resource.get("metadata", {})
    return (resource.get("apiVersion", ""), resource.get("kind", ""), meta.get("namespace", ""), meta.get("name", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.manifests", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="rewrite the generated files under deploy/k8s")
    gen.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    render = commands.add_parser("render", help="print the rendered kustomization as YAML")
    render.add_argument("directory")
    check = commands.add_parser("validate", help="render and validate overlays (default: all of them)")
    check.add_argument("directories", nargs="*")
    compare = commands.add_parser("compare", help="diff this renderer against `kustomize build` / `kubectl kustomize`")
    compare.add_argument("directory")
    args = parser.parse_args(argv)

    if args.command == "generate":
        if args.check:
            stale = generate.stale_files()
            for path in stale:
                print(f"stale: {path.relative_to(generate.K8S_DIR.parent.parent)}")
            return 1 if stale else 0
        for path in generate.write():
            print(f"wrote {path.relative_to(generate.K8S_DIR.parent.parent)}")
        return 0
    if args.command == "render":
        sys.stdout.write(kustomize.render_yaml(_directory(args.directory)))
        return 0
    if args.command == "validate":
        failed = False
        for name in args.directories or OVERLAYS:
            resources = kustomize.render(_directory(name))
            problems = validate.validate_all(resources)
            print(f"{name}: {len(resources)} resources, {len(problems)} problem(s)")
            for problem in problems:
                print(f"  {problem}")
            failed = failed or bool(problems)
        return 1 if failed else 0
    return _compare(_directory(args.directory))


def _compare(directory: Path) -> int:
    if shutil.which("kustomize"):
        argv = ["kustomize", "build", str(directory)]
    elif shutil.which("kubectl"):
        argv = ["kubectl", "kustomize", str(directory)]
    else:
        print("neither kustomize nor kubectl is on PATH", file=sys.stderr)
        return 2
    theirs = {_key(r): r for r in yaml.safe_load_all(subprocess.run(argv, check=True, capture_output=True,
                                                                      text=True).stdout) if r}
    ours = {_key(r): r for r in kustomize.render(directory)}
    differences = 0
    for key in sorted(set(theirs) | set(ours)):
        if theirs.get(key) != ours.get(key):
            differences += 1
            print(f"differs: {key}")
    print(f"{' '.join(argv[:2])}: {len(theirs)} resources, ours: {len(ours)}, {differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
