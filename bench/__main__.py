"""``python -m bench [load] [api] [peer] [coverage] [service] [district]``: run the benchmarks
(all, by default; ``district`` loads about 1.1 million residents and takes about half an hour).

Each starts its own disposable Neo4j and prints its figures (see docs/benchmarks.md).
"""

from __future__ import annotations

import runpy
import sys

BENCHES = {
    "load": "bench.load_bench",
    "api": "bench.api_bench",
    "peer": "bench.peer_bench",
    "coverage": "bench.coverage_bench",
    "service": "bench.service_load",
    "district": "bench.district_bench",
}


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {sorted(BENCHES)}", file=sys.stderr)
        return 2
    for name in argv or list(BENCHES):
        print(f"== {name} ==", flush=True)
        sys.argv = [BENCHES[name]]  # each reads its own options; defaults here
        runpy.run_module(BENCHES[name], run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
