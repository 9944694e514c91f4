"""`python -m routing.classify.evaluate FILE.jsonl [--cv K] [--model FILE] [--json]`: the classifier's figures.

Per label accuracy, all-three exact, urgent recall, per-class precision/recall and a
confusion table for each file; `--cv K` adds K-fold cross-validation on the built-in corpus's
hand-written sentences (generated ones always stay in training).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from routing.classify.evaluation import Report, cross_validate, evaluate, load_examples
from routing.classify.labels import HEADS, Example
from routing.classify.model import Model


def _table(report: Report) -> str:
    lines = []
    for head in HEADS:
        lines.append(f"  {head:<9} accuracy {report.accuracy[head]:.3f}")
    lines.append(f"  all three exact     {report.exact:.3f}")
    lines.append(f"  urgent recall       {report.urgent_recall:.3f}")
    for head in HEADS:
        lines.append(f"  {head} per class (precision / recall / support):")
        for label, s in report.per_class[head].items():
            lines.append(f"    {label:<12} {s.precision:.3f} / {s.recall:.3f} / {s.support}")
        labels = list(report.confusion[head])
        lines.append(f"  {head} confusion (rows = truth, columns = predicted):")
        lines.append("    " + " " * 12 + "".join(f"{c[:11]:>12}" for c in labels))
        for truth in labels:
            lines.append(f"    {truth[:11]:<12}" + "".join(f"{report.confusion[head][truth][c]:>12}" for c in labels))
    return "\n".join(lines)


def by_decision_path(examples: Sequence[Example], model: Model) -> dict[str, dict[str, float]]:
    """Accuracy grouped by what decided the labels (a rule, praise, the model, the model over a rule), no texts shown."""
    from collections import Counter, defaultdict

    from routing.classify.pipeline import classify_many

    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for e, p in zip(examples, classify_many([e.text for e in examples], model=model), strict=True):
        rules = [r.rule for r in p.explanation]
        if "model.category" in rules:
            path = "model"
        elif "model.escalated" in rules or "model.replaced" in rules:
            path = "model>rule"
        elif any(r.startswith("situation.") and r != "situation.generic" for r in rules):
            path = "rule"
        elif "praise.target" in rules:
            path = "praise"
        else:
            path = "other"
        groups[path]["n"] += 1
        for h in HEADS:
            groups[path][h] += e.label(h) == getattr(p, h)
        groups[path]["exact"] += all(e.label(h) == getattr(p, h) for h in HEADS)
    return {path: {"n": g["n"], **{k: g[k] / g["n"] for k in (*HEADS, "exact")}} for path, g in sorted(groups.items())}


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m routing.classify.evaluate [FILE.jsonl ...] [--cv K] [--model FILE] [--json]`."""
    import argparse

    from routing.classify.corpus import build_corpus
    from routing.classify.pipeline import builtin_model, classifier_version

    parser = argparse.ArgumentParser(prog="python -m routing.classify.evaluate", description=main.__doc__)
    parser.add_argument("files", nargs="*", help="JSON-lines files with text, category, urgency, kind")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="also K-fold cross-validate on the built-in corpus")
    parser.add_argument("--model", help="a stored model version (bytes from Model.to_bytes) instead of the built-in one")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--by-path", action="store_true", help="also accuracy by decision path (rule, praise, model)")
    args = parser.parse_args(argv)
    model = Model.from_bytes(Path(args.model).read_bytes()) if args.model else builtin_model()
    results: dict[str, object] = {"classifier_version": classifier_version(model)}
    for path in args.files:
        report = evaluate(model, load_examples(path))
        results[path] = report.as_dict()
        if not args.json:
            print(f"{path}: {report.examples} examples, classifier {classifier_version(model)}")
            print(_table(report))
        if args.by_path:
            paths = by_decision_path(load_examples(path), model)
            results[f"{path}#by_path"] = paths
            if not args.json:
                print("  by decision path:")
                for name, scores in paths.items():
                    print(f"    {name:<7} n={scores['n']:<4} " + "  ".join(f"{h} {scores[h]:.3f}" for h in (*HEADS, "exact")))
    if args.cv:
        corpus = build_corpus()
        scores = cross_validate(corpus, folds=args.cv)
        results["cross_validation"] = scores
        if not args.json:
            written = sum(e.source == "written" for e in corpus)
            print(f"built-in corpus, {len(corpus)} examples, {args.cv}-fold cross-validation on its {written} hand-written ones:")
            for name, accuracy in scores.items():
                print(f"  {name:<10} " + "  ".join(f"{k} {v:.3f}" for k, v in accuracy.items()))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
