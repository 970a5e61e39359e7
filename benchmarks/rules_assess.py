"""Benchmark: one explained assessment of one person against all pathways (``wegweiser.rules.assess``).

    python benchmarks/rules_assess.py                 # 2 000 runs
    python benchmarks/rules_assess.py --runs 5000

Each run is a full ``assess(document)``: strict check of the situation document, flattening, every pathway
with its conditions, reasons in German and English and the list of gaps — what a case worker's page or the
``wegweiser assess`` command asks for. The documents are the examples in ``docs/examples`` (a family under
§ 25b, a § 104c holder, a young person under § 25a, a file with many unknowns), taken in turn. Prints the
median, p95, p99 and maximum in milliseconds per document and overall; target: median < 2 ms. No database.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time

import _common
from _common import percentile, table

TARGET_MEDIAN_MS = 2.0
EXAMPLES = _common.ROOT / "docs" / "examples"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2000, help="measured assessments (default 2000)")
    parser.add_argument("--warmup", type=int, default=50, help="unmeasured assessments first (default 50)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if the target is missed")
    args = parser.parse_args()

    from wegweiser.rules import __version__, assess
    from wegweiser.rules.pathways import PATHWAYS
    from wegweiser.rules.situation import normalise

    documents = {p.stem.removeprefix("situation-"): json.loads(p.read_text("utf-8"))
                 for p in sorted(EXAMPLES.glob("situation-*.json"))}
    if not documents:
        sys.exit(f"keine Beispieldokumente in {EXAMPLES}")
    names = list(documents)
    for i in range(args.warmup):
        assess(documents[names[i % len(names)]])

    times: dict[str, list[float]] = {name: [] for name in names}
    normalise_times: list[float] = []
    sizes: dict[str, tuple[int, int]] = {}
    gc.collect()
    for i in range(args.runs):
        name = names[i % len(names)]
        doc = documents[name]
        started = time.perf_counter()
        result = assess(doc)
        times[name].append((time.perf_counter() - started) * 1000)
        if name not in sizes:
            sizes[name] = (sum(len(p["conditions"]) for p in result["pathways"]), len(json.dumps(result)))
        if i % 10 == 0:
            started = time.perf_counter()
            normalise(doc)
            normalise_times.append((time.perf_counter() - started) * 1000)

    def row(label: str, values: list[float], extra: str = "") -> tuple[str, ...]:
        return (label, str(len(values)), f"{percentile(values, 50):.2f}", f"{percentile(values, 95):.2f}",
                f"{percentile(values, 99):.2f}", f"{max(values):.2f}", extra)

    everything = [t for ts in times.values() for t in ts]
    rows = [row(name, times[name], f"{sizes[name][0]} Bed., {sizes[name][1] / 1024:.0f} KB") for name in names]
    rows.append(row("alle Dokumente", everything))
    rows.append(row("davon nur normalise()", normalise_times))
    print(table(("Umgebung", ""), [
        ("Python", platform.python_version()), ("Regelwerk", __version__), ("Pfade", f"{len(PATHWAYS)}"),
        ("Läufe", f"{args.runs} (+{args.warmup} zum Aufwärmen)"),
    ]))
    print()
    print(table(("Dokument", "n", "Median ms", "p95 ms", "p99 ms", "max ms", "Umfang"), rows, numeric=True))
    median = percentile(everything, 50)
    ok = median < TARGET_MEDIAN_MS
    print()
    print(f"Ziel Median < {TARGET_MEDIAN_MS:.0f} ms (alle Pfade, mit Erklärung): "
          f"{'erreicht' if ok else 'VERFEHLT'} ({median:.2f} ms)")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
