"""The machine line every benchmark prints beside its figures."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}; {cores} cores; Python {platform.python_version()} "
            f"({platform.python_implementation()}); {platform.system()} {platform.release()}; "
            f"reference loop {reference_loop():.2f} s")


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop: shared machines vary in speed from hour to hour
    (seen here: 0.5 s to 1.7 s), so figures are comparable only beside this one."""
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return (time.perf_counter() - started) * 2  # as for 10 million iterations
