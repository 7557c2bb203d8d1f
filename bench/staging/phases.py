#!/usr/bin/env python3
"""Where a `mvn gio-staging:stage-all` run of the staging bench spent its time, from the timestamps of its log
(bench/staging/run.sh logs with them): one line per log, seconds per phase, from the mojo's start to Maven's end.
usage: bench/staging/phases.py bench/target/staging/a1-gio.log [more logs...]"""
import re, sys
from datetime import datetime

PHASES = [  # (name, the log line that ends it)
    ("init", r"Staging .* component\(s\) to stage"),
    ("lease", r"Acquired the lease"),
    ("tag+clone", r"Release tag "),
    ("discovery", r"Resolving \d+ files"),
    ("resolve", r"Resolve done"),
    ("validate+open", r"Opened staging repository"),
    ("upload", r"Upload to .* done"),
    ("close+release", r"Released gio:"),
    ("end", r"Total time"),
]

def stamp(line):
    return datetime.strptime(line[:12], "%H:%M:%S.%f")

for log in sys.argv[1:]:
    lines = [l for l in open(log) if re.match(r"\d\d:\d\d:\d\d\.\d{3} ", l)]
    start = next((stamp(l) for l in lines if "--- gio-staging" in l), None)
    if start is None:
        print(f"{log}: no timestamped mojo start (run the bench's Maven way, not GIO_VIA=main)")
        continue
    out, previous = [], start
    for name, pattern in PHASES:
        at = next((stamp(l) for l in lines if re.search(pattern, l)), None)
        if at is None:
            out.append(f"{name} -")
            continue
        out.append(f"{name} {(at - previous).total_seconds():.2f}")
        previous = at
    print(f"{log}: " + "  ".join(out) + f"  | mojo to end {(previous - start).total_seconds():.2f} s")
