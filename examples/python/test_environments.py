"""Checks what environments.py wrote into DIR: for each environment, the files are exactly those
``trinocfg gen`` writes for its rendered spec (TRINOCFG_CLI), and the sizes grow from dev to prod.

    python examples/python/test_environments.py DIR
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def tree(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def main() -> int:
    out = Path(sys.argv[1])
    cli = os.environ["TRINOCFG_CLI"]
    workers = {"dev": 1, "staging": 2, "prod": 6}
    envs = list(workers)
    assert sorted(p.name for p in out.iterdir()) == sorted(envs)
    heaps = []
    for env in envs:
        written = tree(out / env)
        spec = written.pop("trino.toml")
        assert f'name = "trino-{env}"'.encode() in spec
        with tempfile.TemporaryDirectory() as tmp:
            gen = Path(tmp) / "gen"
            subprocess.run([cli, "gen", str(out / env / "trino.toml"), "--out", str(gen)], check=True, capture_output=True)
            expected = tree(gen)
        expected.pop(".trinocfg-manifest")
        assert sorted(written) == sorted(expected), (env, sorted(set(written) ^ set(expected)))
        for path, data in expected.items():
            assert written[path] == data, f"{env}/{path} differs from trinocfg gen"
        config = written["worker/etc/jvm.config"].decode()
        heaps.append(config)
        node = written["coordinator/etc/node.properties"].decode()
        assert f"\nnode.environment={env}\n" in f"\n{node}", node
        replicas = re.findall(r"^  replicas: (\d+)$", written["kubernetes.yaml"].decode(), re.M)
        assert replicas == ["1", str(workers[env])], (env, replicas)
    assert len(set(heaps)) == 3, "each environment has its own worker heap"
    print(f"examples/python: {', '.join(envs)} match trinocfg gen byte for byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
