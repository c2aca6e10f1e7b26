"""CPU time (user + system) of a whole `trinocfg gen` against process start alone.

The two commands run interleaved in one loop so that both see the same machine; the ratio is
what docs/performance.md reports against the 1.4 target.

    python3 scripts/cpu_ratio.py target/release/trinocfg [RUNS]
"""
import resource
import subprocess
import sys


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    binary = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    commands = {
        "gen": [binary, "gen", "--example", "fte-s3-eks", "--format", "configmaps"],
        "version": [binary, "--version"],
    }
    totals = {name: 0.0 for name in commands}
    for i in range(runs + 10):
        for name, cmd in commands.items():
            before = cpu()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if i >= 10:
                totals[name] += cpu() - before
    gen = totals["gen"] / runs * 1000
    version = totals["version"] / runs * 1000
    print(
        f"gen --example fte-s3-eks: {gen:.3f} ms CPU; --version: {version:.3f} ms CPU; "
        f"ratio {gen / version:.2f} (target 1.4)"
    )


if __name__ == "__main__":
    main()
