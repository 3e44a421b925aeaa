"""reformctl benchmark: parse speed, command start-up, a folder of 1,000 documents.

    make bench                    # everything (a few minutes)
    .venv/bin/python bench/run.py --quick    # fewer runs and 100 documents, to try it out

Prints a table and writes bench/results/latest.json. Not a test: nothing here fails on a
number; bench/README.md says how to read them. Whole-process times are medians of repeated
runs, each set next to ``python -c pass`` timed in the same run (the ratio stays meaningful
on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_675e6135523c2031.txt"
RESULTS = ROOT / "bench" / "results" / "latest.json"
PYTHON = sys.executable
REFORMCTL = Path(PYTHON).parent / "reformctl"

# Targets of issue 7, shown next to the numbers.
TARGETS = {
    "parse_seed_ms": 15,
    "help_ms": 150,
    "due_ms": 200,
    "audit_overlap_ms": 2000,
    "batch_1000_s": 30,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 100 documents")
    parser.add_argument("--runs", type=int, default=None, help="runs per whole-process timing")
    parser.add_argument("--docs", type=int, default=None, help="documents in the folder run")
    parser.add_argument("--no-batch", action="store_true", help="skip the folder run")
    parser.add_argument("--no-adversarial", action="store_true",
                        help="skip the adversarial shapes (bench/adversarial.py)")
    parser.add_argument("--shapes", default="",
                        help="adversarial shapes to run, comma-separated [default: all]")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 15)
    docs = args.docs or (100 if args.quick else 1000)

    results: dict[str, Any] = {"machine": machine(), "rows": []}
    rows: list[dict[str, Any]] = results["rows"]
    with tempfile.TemporaryDirectory(prefix="reformctl-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "REFORMCTL_CACHE_DIR": str(work / "cache")}
        rows += parse_rows(work, quick=args.quick)
        rows += command_rows(env, runs)
        if not args.no_batch:
            rows += batch_rows(work, env, docs)
        if not args.no_adversarial:
            shapes = [s for s in args.shapes.split(",") if s]
            results["adversarial"] = adversarial_rows(work, env, quick=args.quick, shapes=shapes)
    show(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    return 0


# -- the machine ---------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit + ("+dirty" if dirty else ""),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip()
    except OSError:
        return ""


# -- in-process parsing --------------------------------------------------------------------


def parse_rows(work: Path, *, quick: bool) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    from reformctl.parse import parse_text

    text = SEED.read_text(encoding="utf-8")
    cold = _cold_parse_ms()
    parse_text(text)  # warm: regexes compiled, registry built
    times, cpu = _repeat(lambda: parse_text(text), 20 if quick else 60)
    rows = [
        row("parse seed, in process (median)", statistics.median(times) * 1000, "ms",
            target=TARGETS["parse_seed_ms"], detail=f"{len(text):,} chars; min "
            f"{min(times) * 1000:.1f} ms over {len(times)} runs"),
        row("parse seed, in process, CPU time (best)", min(cpu) * 1000, "ms",
            detail=f"process CPU time, median {statistics.median(cpu) * 1000:.1f} ms: what "
            "other jobs on a busy machine disturb least"),
        row("parse seed, first in a fresh process", cold, "ms",
            detail="caches empty (name cleaning, tag look-ups)"),
    ]
    copies = synthetic_corpus(work / "synthetic", 20 if quick else 100)
    texts = [p.read_text(encoding="utf-8") for p in copies]
    start = time.perf_counter()
    for t in texts:
        parse_text(t)
    elapsed = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    rows.append(row("throughput, synthetic corpus", chars / elapsed, "chars/s",
                    detail=f"{len(texts)} documents, plans shuffled, {chars:,} chars in "
                    f"{elapsed:.2f} s, one core"))
    rows.append(diff_row(text, texts[0], quick=quick))
    return rows


def diff_row(text: str, shuffled: str, *, quick: bool) -> dict[str, Any]:
    """The version diff of the seed against a copy with its 17 plans in another order (every
    measure moved): matching, character diffs and records, in process (was an assertion of
    < 0.5 s in tests/test_diff.py, which a loaded machine broke)."""
    from reformctl.audit.diff import diff_documents
    from reformctl.parse import parse_text

    old, new = parse_text(text), parse_text(shuffled)
    diff_documents(old, new)  # warm
    times, cpu = _repeat(lambda: diff_documents(old, new), 5 if quick else 15)
    return row("diff seed vs its plans reordered (median)", statistics.median(times) * 1000,
               "ms", detail=f"CPU best {min(cpu) * 1000:.1f} ms over {len(times)} runs")


def _cold_parse_ms() -> float:
    code = (
        "import time,sys; sys.path.insert(0, sys.argv[1]);"
        "from reformctl.parse import parse_text; from reformctl.registry import "
        "default_registry; default_registry(); t=open(sys.argv[2],encoding='utf-8').read();"
        "s=time.perf_counter(); parse_text(t); print((time.perf_counter()-s)*1000)"
    )
    values = []
    for _ in range(3):
        out = subprocess.run([PYTHON, "-c", code, str(ROOT), str(SEED)], capture_output=True,
                             text=True, check=True)
        values.append(float(out.stdout.strip()))
    return statistics.median(values)


def synthetic_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` seed-sized documents: the seed's plans in a different order in each."""
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if re.match(r"^(?:\S+\s)?配套措施", line)]
    head, plans = lines[: starts[0]], [
        lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        order = plans[:]
        random.Random(i).shuffle(order)
        body = head + [line for plan in order for line in plan]
        path = folder / f"plan_{i:04d}.txt"
        path.write_text("\n".join(body), encoding="utf-8")
        out.append(path)
    return out


def _repeat(fn: Callable[[], object], n: int) -> tuple[list[float], list[float]]:
    """Wall and process CPU seconds of ``n`` calls."""
    times, cpu = [], []
    for _ in range(n):
        start, cpu_start = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return times, cpu


# -- whole commands ------------------------------------------------------------------------

# On a terminal a table is drawn by rich; piped (as here) it is plain text. TTY_COMPATIBLE=1
# makes reformctl and rich take the terminal path with the output still going to /dev/null.
TERMINAL = {"TTY_COMPATIBLE": "1"}
COMMANDS: list[tuple[str, list[str], str | None, dict[str, str]]] = [
    ("reformctl --help", ["--help"], "help_ms", {}),
    ("reformctl due --month 9", ["due", "--month", "9"], "due_ms", {}),
    ("reformctl due --month 9 (terminal)", ["due", "--month", "9"], "due_ms", TERMINAL),
    ("reformctl audit --check overdue", ["audit", "--check", "overdue"], None, {}),
    ("reformctl audit (with overlap)", ["audit"], "audit_overlap_ms", {}),
]


def command_rows(env: dict[str, str], runs: int) -> list[dict[str, Any]]:
    baseline_cmd = [PYTHON, "-c", "pass"]
    cmds = [cmd for _, cmd, _, _ in COMMANDS]
    available = {tuple(cmd): _available(cmd, env) for cmd in cmds}
    # The package's bytecode, as pip writes it at install: with PYTHONDONTWRITEBYTECODE set
    # (as on the machines here) an editable install would compile every module at every start.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "reformctl")], check=False)
    for _, cmd, _, extra in COMMANDS:  # warm: corpus cache, jieba's dictionary cache
        if available[tuple(cmd)]:
            _run([str(REFORMCTL), *cmd], {**env, **extra})
    # Interleaved, so that a busy moment of the machine hits every command alike.
    samples: dict[str, list[float]] = {"pass": []}
    for _ in range(runs):
        samples["pass"].append(_run(baseline_cmd, env))
        for label, cmd, _, extra in COMMANDS:
            if available[tuple(cmd)]:
                samples.setdefault(label, []).append(
                    _run([str(REFORMCTL), *cmd], {**env, **extra}))
    base = statistics.median(samples["pass"]) * 1000
    rows = [row("python -c pass (baseline)", base, "ms", detail=f"median of {runs}")]
    for label, cmd, target, _ in COMMANDS:
        if not available[tuple(cmd)]:
            rows.append(row(label, None, "ms", detail="not available (command not written yet)"))
            continue
        med = statistics.median(samples[label]) * 1000
        rows.append(row(label, med, "ms", target=TARGETS.get(target or ""),
                        detail=f"{med / base:.1f}x python; min "
                        f"{min(samples[label]) * 1000:.0f} ms, median of {runs}"))
    return rows


def _available(cmd: list[str], env: dict[str, str]) -> bool:
    probe = subprocess.run([str(REFORMCTL), cmd[0], "--help"], cwd=ROOT, env=env,
                           capture_output=True)
    return probe.returncode == 0


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


# -- a folder of documents -----------------------------------------------------------------

_BATCH_HELPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(elapsed, peak, done.returncode, done.stderr.decode()[-300:].replace(chr(10), " "))
"""


def batch_rows(work: Path, env: dict[str, str], count: int) -> list[dict[str, Any]]:
    folder = work / "folder"
    synthetic_corpus(folder, count)
    out = work / "parsed"
    # A helper process runs the command, so that the peak memory read is that of this run
    # only (RUSAGE_CHILDREN: the largest of reformctl and its worker processes).
    cmd = [PYTHON, "-c", _BATCH_HELPER, str(REFORMCTL), "parse", str(folder), "-o", str(out),
           "-q"]
    res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    elapsed_s, peak_kb, code, *rest = res.stdout.strip().split(" ", 3)
    err = rest[0] if rest else ""
    written = len(list(out.glob("*.yaml")))
    detail = f"{written} YAML written, exit {code}, {os.cpu_count()} cores"
    if code != "0":
        detail += f"; stderr: {err.strip()}"
    rows = [
        row(f"reformctl parse DIR ({count} docs)", float(elapsed_s), "s",
            target=TARGETS["batch_1000_s"] if count == 1000 else None, detail=detail),
        row(f"peak memory, parse DIR ({count} docs)", int(peak_kb) / 1024, "MB",
            detail="largest single process (ru_maxrss); main and workers each hold one "
            "document at a time"),
    ]
    shutil.rmtree(out, ignore_errors=True)
    return rows


# -- adversarial shapes -------------------------------------------------------------------

# Each size is parsed in a process of its own (its peak memory is its own: VmHWM). A size
# that takes longer than this (CPU seconds) ends its shape: the next, twice as big, would take
# more than twice as long, and the default run has to stay within minutes.
ADVERSARIAL_CAP_S = 30.0
ADVERSARIAL_TIMEOUT_S = 300.0  # wall clock, on a loaded machine


def adversarial_rows(work: Path, env: dict[str, str], *, quick: bool,
                     shapes: list[str]) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "bench"))
    import adversarial

    folder = work / "adversarial"
    folder.mkdir(exist_ok=True)
    out: list[dict[str, Any]] = []
    for name in shapes or list(adversarial.SHAPES):
        sizes: dict[int, dict[str, Any]] = {}
        for mib in adversarial.iter_sizes(quick):
            path = adversarial.write(name, mib * adversarial.MIB, folder)
            sizes[mib] = _time_in_child(path, env)
            path.unlink()
            if sizes[mib].get("cpu_s", ADVERSARIAL_CAP_S) >= ADVERSARIAL_CAP_S:
                break  # the next size would take too long for a default run
        out.append({"shape": name, "sizes": sizes})
    bomb = folder / "docx-bomb.docx"
    bomb.write_bytes(adversarial.docx_bomb())
    out.append({"shape": "docx-bomb", "sizes": {0: _time_in_child(bomb, env)},
                "detail": f"{bomb.stat().st_size / 1024:.0f} KB unpacking to 64 MB"})
    return out


def _time_in_child(path: Path, env: dict[str, str]) -> dict[str, Any]:
    cmd = [PYTHON, str(ROOT / "bench" / "adversarial.py"), "time", str(path)]
    try:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=ADVERSARIAL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"outcome": f"killed after {ADVERSARIAL_TIMEOUT_S:.0f} s"}
    if done.returncode != 0:
        return {"outcome": "crashed: " + done.stderr.strip().splitlines()[-1][:200]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def show_adversarial(shapes: list[dict[str, Any]]) -> None:
    """Seconds (CPU) per MiB at each size, the peak memory of the largest, what came of it."""
    sizes = sorted({mib for s in shapes for mib in s["sizes"] if mib})
    print("\nadversarial shapes (bench/adversarial.py): CPU seconds per MiB, peak memory")
    print(f"{'shape':12s} " + " ".join(f"{f'{m} MiB':>8s}" for m in sizes)
          + f" {'peak MB':>8s}  outcome at the largest size")
    for s in shapes:
        cells = []
        for m in sizes:
            r = s["sizes"].get(m)
            cells.append(f"{r['cpu_s'] / m:8.2f}" if r and "cpu_s" in r else f"{'-':>8s}")
        last = s["sizes"][max(s["sizes"])]
        peak = f"{last['peak_mb']:8.0f}" if "peak_mb" in last else f"{'-':>8s}"
        if not any(m for m in s["sizes"]):  # the bomb: one file, no size
            cells = [f"{last.get('cpu_s', 0):7.2f}s"] + [f"{'':8s}"] * (len(sizes) - 1)
        outcome = last.get("outcome", "")
        print(f"{s['shape']:12s} " + " ".join(cells) + f" {peak}  {outcome[:70]}"
              + (f" ({s['detail']})" if s.get("detail") else ""))


# -- output --------------------------------------------------------------------------------


def row(name: str, value: float | None, unit: str, *, target: float | None = None,
        detail: str = "") -> dict[str, Any]:
    met = None if value is None or target is None else value <= target
    return {"name": name, "value": value, "unit": unit, "target": target, "met": met,
            "detail": detail}


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "chars/s":
        return f"{value / 1e6:.2f} M"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def show(results: dict[str, Any]) -> None:
    _show_rows(results)
    if results.get("adversarial"):
        show_adversarial(results["adversarial"])


def _show_rows(results: dict[str, Any]) -> None:
    m = results["machine"]
    header = f"{m['cpu']}, {m['cores']} cores, Python {m['python']}, commit {m['commit']}"
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # plain text
        print(header)
        for r in results["rows"]:
            target = f"<= {r['target']}" if r["target"] is not None else ""
            print(f"{r['name']:42s} {_fmt(r['value'], r['unit']):>10s} {r['unit']:8s} "
                  f"{target:8s} {r['detail']}")
        return
    table = Table(title="reformctl benchmark", caption=header)
    for col in ("measure", "value", "unit", "target", "detail"):
        table.add_column(col, justify="right" if col == "value" else "left")
    for r in results["rows"]:
        mark = {True: "[green]ok[/]", False: "[red]over[/]", None: ""}[r["met"]]
        target = f"≤ {r['target']} {mark}" if r["target"] is not None else ""
        table.add_row(r["name"], _fmt(r["value"], r["unit"]), r["unit"], target, r["detail"])
    Console().print(table)


if __name__ == "__main__":
    raise SystemExit(main())
