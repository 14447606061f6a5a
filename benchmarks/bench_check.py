"""Time ``./book check --fast`` and ``./book check``; print each stage's seconds.

    uv run python benchmarks/bench_check.py            # both commands
    uv run python benchmarks/bench_check.py --fast     # the edit loop only
    uv run python benchmarks/bench_check.py --log F    # read a saved run's output

``./book`` says ``took N s: <stage>`` after each stage it runs (ruff, stage
1: library, docstrings and snippets; stage 2: build, claims, notebooks,
labs, figures, faults; stage 3: browser gate and rebuild); this script runs
the commands, echoes their output, and prints a table of those lines with
the totals against the targets of issue 16: the whole check at most half of
the 268 s it took when the issue was filed, ``--fast`` at most 60 s, and a
broken snippet reported within a minute (it is reported by stage 1, whose
time is printed). The setup (``uv sync``, ``npm ci``) is not counted: it is
done before the first timed run. Measured, never asserted in a test.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"--fast": 60, "": 268 // 2}
STAGE_TARGET = 60  # stage 1 reports a broken snippet
TOOK = re.compile(r"took (?P<s>\d+) s: (?P<stage>.+?)(?:\x1b\[0m)?$")


def stages(output: str) -> list[tuple[str, int]]:
    """The (stage, seconds) pairs ``./book`` printed, in order."""
    return [
        (m["stage"], int(m["s"])) for m in map(TOOK.search, output.splitlines()) if m
    ]


def table(command: str, found: list[tuple[str, int]], wall: float | None) -> str:
    """One row per stage, then the total against its target."""
    target = TARGETS["--fast" if "--fast" in command else ""]
    rows = [f"{command}"]
    rows += [f"  {s:6d} s  {name}" for name, s in found]
    total = sum(s for _, s in found)
    verdict = "within" if total <= target else "over"
    rows.append(f"  {total:6d} s  in all ({verdict} the target of {target} s)")
    first = next((s for name, s in found if name.startswith("stage 1")), None)
    if first is not None:
        within = "within" if first <= STAGE_TARGET else "over"
        rows.append(
            f"  a broken snippet is reported after at most {first} s "
            f"({within} {STAGE_TARGET} s)"
        )
    if wall is not None:
        rows.append(f"  {wall:6.0f} s  wall clock, with the setup's checks")
    return "\n".join(rows)


def run(command: list[str]) -> tuple[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed (exit {proc.returncode}): no timing")
    return proc.stdout, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fast", action="store_true", help="time --fast only")
    parser.add_argument("--log", type=Path, help="print the table of a saved run")
    args = parser.parse_args(argv)
    if args.log:
        text = args.log.read_text(errors="replace")
        command = "./book check --fast" if "(--fast)" in text else "./book check"
        print(table(command, stages(text), None))
        return
    commands = [["./book", "check", "--fast"]]
    if not args.fast:
        commands.append(["./book", "check"])
    results = [(" ".join(c), *run(c)) for c in commands]
    print()
    for command, output, wall in results:
        print(table(command, stages(output), wall))


if __name__ == "__main__":
    main()
