"""Generates one Trino cluster per environment (dev, staging, prod) from one spec template:
the same catalogs everywhere, sizes per environment. Writes each environment's rendered spec
and every file ``trinocfg gen`` writes under OUT/<env>/, and prints each memory plan.

Any error in any environment stops it before anything is written (exit 1, with trinocfg's
diagnostics); warnings are printed.

    pip install target/packages/trinocfg-*.whl
    python examples/python/environments.py --out clusters
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from string import Template

import trinocfg

HERE = Path(__file__).resolve().parent

# Sizes per environment: dev is small and cheap, prod has room for its largest queries.
ENVIRONMENTS: dict[str, dict[str, object]] = {
    "dev": {"coordinator_memory": "6Gi", "coordinator_cpu": 1, "workers": 1, "worker_memory": "8Gi", "worker_cpu": 2},
    "staging": {"coordinator_memory": "8Gi", "coordinator_cpu": 2, "workers": 2, "worker_memory": "16Gi", "worker_cpu": 4},
    "prod": {"coordinator_memory": "16Gi", "coordinator_cpu": 4, "workers": 6, "worker_memory": "64Gi", "worker_cpu": 16},
}

GIB = 1 << 30


def render(env: str) -> str:
    """The spec of one environment."""
    template = Template((HERE / "trino.toml.tmpl").read_text("utf-8"))
    return template.substitute(env=env, **ENVIRONMENTS[env])


def main() -> int:
    parser = argparse.ArgumentParser(description="One Trino cluster per environment from one spec template.")
    parser.add_argument("--out", type=Path, required=True, help="directory to write OUT/<env>/ into")
    args = parser.parse_args()

    results: dict[str, tuple[str, trinocfg.Generated]] = {}
    failed = False
    for env in ENVIRONMENTS:
        spec = render(env)
        result = trinocfg.generate(spec)
        for d in result.diagnostics:
            where = f"{env}/trino.toml:{d.line}" if d.line else f"{env}/trino.toml"
            print(f"{where}: {d.severity}[{d.code}] {d.message}", file=sys.stderr)
        failed |= not result.ok
        results[env] = (spec, result)
    if failed:
        print("errors found: nothing written", file=sys.stderr)
        return 1

    for env, (spec, result) in results.items():
        directory = args.out / env
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "trino.toml").write_text(spec, "utf-8")
        for path, text in result.files.items():
            target = directory / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        memory = result.memory
        assert memory is not None  # a spec without errors has a memory plan
        print(
            f"{env}: {memory.workers} worker(s), heap {memory.worker.heap / GIB:.1f} GiB each, "
            f"query.max-memory {memory.query_max_memory / GIB:.1f} GiB; {len(result.files)} files in {directory}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
