"""`make bench`: run every benchmark module `bench/<name>.py` that defines `run(h)`.

Each module gets the harness (bench/harness.py) with Django already set up on the
bench database. `python bench/run.py meetings stakeholders` runs only those.
Exits 1 when a module fails or a target is missed.
"""

import importlib.util
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"harness", "run", "__init__"}


def benchmark_names(chosen: list[str]) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("*.py") if path.stem not in NOT_BENCHMARKS)
    if chosen:
        unknown = sorted(set(chosen) - set(names))
        if unknown:
            raise SystemExit(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(names)})")
        return [name for name in names if name in chosen]
    return names


def load(name: str):
    """Import bench/<name>.py by its path: bench/meetings.py must not shadow (or be shadowed by) the app `meetings`."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    import harness

    harness.setup()
    failed = []
    for name in benchmark_names(argv):
        module = load(name)
        run = getattr(module, "run", None)
        if not callable(run):
            continue
        print(f"\n=== bench/{name}.py ===", flush=True)
        started = time.monotonic()
        try:
            run(harness)
        except Exception:
            traceback.print_exc()
            failed.append(name)
        print(f"=== bench/{name}.py: {time.monotonic() - started:.0f} s ===", flush=True)
    status = harness.summary()
    if failed:
        print(f"\nFAILED: {', '.join(failed)}")
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
