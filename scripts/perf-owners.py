#!/usr/bin/env python3
"""Where a .NET service's CPU goes, from `perf script` output on stdin.

Each sample is charged to its innermost frame outside the runtime's plumbing (CoreLib, System.Runtime, collections,
threading, kernel and native frames): the code that asked for the work. Prints the share of samples per thread name,
per owner (assembly and namespace), and how much of it is telemetry: OpenTelemetry, System.Diagnostics.DiagnosticSource
(Activity), and Jewelry's tracing, redaction, export and database-span code. Samples on the tiered compilation
thread are counted apart: they are the JIT, not the service's work.

The services need DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 for perf to name JIT-compiled frames, e.g.
  dotnet run -c Release --project Jewelry.LoadTests -- --soak 3 --rate 330 --variants off full \\
      --service-env DOTNET_PerfMapEnabled=1 --service-env DOTNET_EnableWriteXorExecute=0
  perf record -F 299 -g -p <service pids> -o perf.data -- sleep 60
  perf script -i perf.data --pid <pid> | python3 scripts/perf-owners.py
"""
import collections
import re
import sys

PLUMBING = re.compile(r"^(System\.Private\.CoreLib|System\.Runtime(\..*)?|System\.Collections(\..*)?|System\.Linq|System\.Memory|System\.Threading(\..*)?|System\.Private\.Uri)$")
OWNER = re.compile(r"\[([\w.]+)\] ([\w.`+<>|]+?)::")
TELEMETRY = re.compile(r"^(OpenTelemetry[\w.]*|System\.Diagnostics\.DiagnosticSource) |^Jewelry\.ServiceDefaults (Jewelry\.ServiceDefaults\.(Tracing|Redaction|TelemetryExport)|System\.Text\.RegularExpressions)|^Jewelry\.Data (Jewelry\.Data\.DatabaseSpans|System\.Text\.RegularExpressions)")
COMPILER_THREAD = ".NET Tiered Com"

threads, owners = collections.Counter(), collections.Counter()


def charge(thread, frames):
    threads[thread] += 1
    if thread.startswith(COMPILER_THREAD):
        return
    for frame in frames:
        match = OWNER.search(frame)
        if match and not PLUMBING.match(match.group(1)):
            owners[f"{match.group(1)} {'.'.join(match.group(2).split('.')[:3])}"] += 1
            return
    owners["(plumbing only: kernel, native, CoreLib)"] += 1


thread, frames = None, []
for line in sys.stdin:
    if not line.strip():
        if thread is not None:
            charge(thread, frames)
        thread, frames = None, []
    elif line[0] not in "\t ":
        header = re.match(r"^(.*?)\s+\d+(/\d+)?\s", line)
        thread = header.group(1).strip() if header else line.split()[0]
    else:
        parts = line.strip().split(" ", 1)
        frames.append(parts[-1])
if thread is not None:
    charge(thread, frames)

total, outside_compiler = sum(threads.values()), sum(owners.values())
print(f"{total} samples; tiered compilation thread {100 * threads[COMPILER_THREAD] / total:.1f} %")
for name, count in threads.most_common(6):
    print(f"  {100 * count / total:5.1f} %  thread {name}")
telemetry = {owner: count for owner, count in owners.items() if TELEMETRY.search(owner)}
print(f"telemetry code: {100 * sum(telemetry.values()) / outside_compiler:.1f} % of the samples outside the compiler thread")
for owner, count in sorted(telemetry.items(), key=lambda item: -item[1])[:12]:
    print(f"  {100 * count / outside_compiler:5.2f} %  {owner}")
print("top owners:")
for owner, count in owners.most_common(int(sys.argv[1]) if len(sys.argv) > 1 else 15):
    print(f"  {100 * count / outside_compiler:5.2f} %  {owner}")
