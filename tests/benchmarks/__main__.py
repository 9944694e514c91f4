"""``make bench``: run the benchmarks one after another and print their figures (never a pass/fail).

    make bench                       # every benchmark, at the sizes the issues name
    make bench BENCH="intake sla"    # some of them
    make bench QUICK=1               # smaller sizes, minutes instead of tens of minutes

Each benchmark measures its baseline in the same run and prints ratios against it; the machine is
shared and noisy, so read the ratios before the absolute figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    # name: (full-size arguments, quick arguments)
    "intake": (["intake-service/benchmarks/intake_throughput.py", "--seconds", "20"],
               ["intake-service/benchmarks/intake_throughput.py", "--seconds", "8"]),
    "classifier": (["routing-service/benchmarks/classify_throughput.py"],
                   ["routing-service/benchmarks/classify_throughput.py"]),
    "routing": (["routing-service/benchmarks/case_opening.py"],
                ["routing-service/benchmarks/case_opening.py", "--sequential", "30", "--burst", "200"]),
    "sla": (["sla-service/benchmarks/timer_lag.py", "--clocks", "1000000", "--rate", "200", "--seconds", "30"],
            ["sla-service/benchmarks/timer_lag.py", "--clocks", "100000", "--rate", "100", "--seconds", "10"]),
    "analytics": (["analytics-service/benchmarks/bench_analytics.py"],
                  ["analytics-service/benchmarks/bench_analytics.py", "--cases", "200000"]),
}


def main() -> None:
    chosen = sys.argv[1:] or os.environ.get("BENCH", "").split() or list(BENCHMARKS)
    quick = os.environ.get("QUICK", "") not in ("", "0")
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    for name in chosen:
        arguments = BENCHMARKS[name][1 if quick else 0]
        print(f"\n===== {name}: {' '.join(arguments)}", flush=True)
        began = time.monotonic()
        result = subprocess.run([sys.executable, *arguments], cwd=ROOT)
        print(f"===== {name}: exit {result.returncode} after {time.monotonic() - began:.0f} s", flush=True)


if __name__ == "__main__":
    main()
