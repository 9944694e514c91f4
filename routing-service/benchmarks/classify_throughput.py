"""Classifier throughput and latency: `.venv/bin/python routing-service/benchmarks/classify_throughput.py`.

Prints items/s and per-item latency (p50/p95/p99, wall clock and CPU time) of `classify()`
one text at a time (as `POST /v1/classify` and `feedback.received` call it) and of
`classify_many()` in one batch, against a baseline measured in the same run: reading
the text alone (OpenCC normalisation + jieba segmentation), which every classifier pays.
Texts: the built-in corpus and the hand-labelled sets, each text once (no warm caches).
Never fails on a timing; the issue's target is p99 < 10 ms per item.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from routing.classify import build_corpus, classify, classify_many, load_examples
from routing.classify.pipeline import builtin_model
from routing.classify.text import normalise, words
from routing.classify.text.segment import _cut

HERE = Path(__file__).resolve().parent / "classify"


def _texts() -> list[str]:
    texts = [e.text for e in build_corpus()]
    for path in sorted(HERE.glob("*.jsonl")):
        texts.extend(e.text for e in load_examples(path))
    return list(dict.fromkeys(texts))


def _per_item(texts: list[str], work: Callable[[str], object]) -> tuple[list[float], list[float]]:
    _cut.cache_clear()
    wall, cpu = [], []
    for text in texts:
        w, c = time.perf_counter(), time.thread_time()
        work(text)
        cpu.append(time.thread_time() - c)
        wall.append(time.perf_counter() - w)
    return wall, cpu


def _quantiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100)
    return f"p50 {q[49] * 1000:6.2f} ms  p95 {q[94] * 1000:6.2f} ms  p99 {q[98] * 1000:6.2f} ms"


def main() -> None:
    started = time.perf_counter()
    builtin_model()
    trained = time.perf_counter() - started
    texts = _texts()
    warm, measured = texts[:50], texts[50:]
    for text in warm:
        classify(text)

    base_wall, base_cpu = _per_item(measured, lambda t: words(normalise(t)))
    full_wall, full_cpu = _per_item(measured, classify)
    _cut.cache_clear()
    batch_started = time.perf_counter()
    classify_many(measured)
    batch = time.perf_counter() - batch_started

    n = len(measured)
    print(f"classifier benchmark: {n} distinct texts, load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"  built-in model trained on first use in {trained:.2f} s")
    print(f"  baseline (normalise + jieba)  {n / sum(base_wall):8.0f} items/s  wall {_quantiles(base_wall)}")
    print(f"  classify() one at a time      {n / sum(full_wall):8.0f} items/s  wall {_quantiles(full_wall)}")
    print(f"                                                  cpu  {_quantiles(full_cpu)}")
    print(f"  classify_many() one batch     {n / batch:8.0f} items/s")
    print(f"  ratio classify / baseline: {sum(full_wall) / sum(base_wall):.1f}x time per item "
          f"(p99 cpu {statistics.quantiles(full_cpu, n=100)[98] / statistics.quantiles(base_cpu, n=100)[98]:.1f}x)")


if __name__ == "__main__":
    main()
