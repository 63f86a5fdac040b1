#!/usr/bin/env python3
"""CPU of one F5 start: runs `dotnet run --project Jewelry.AppHost` from the repository root, polls the three
services' /health until each answers 200, and meanwhile reads /proc for every process started after it (the build
check, the AppHost, DCP, PostgreSQL, RabbitMQ, the dashboard, the services), then prints each one's CPU and start
time, a total, and when each service was healthy. Linux only. Usage: scripts/f5-start-cpu.py (the build up to date;
no other F5 running, it uses the same ports)."""
import os, re, signal, subprocess, sys, threading, time, urllib.request

HEALTH_PORTS = (5101, 5102, 5103)
TICKS = os.sysconf('SC_CLK_TCK')
BOOT = float(open('/proc/stat').read().split('btime ')[1].split()[0])
KINDS = [r'Jewelry\.\w+Api(?=/bin)', r'Jewelry\.AppHost/bin', r'dotnet run --project \S+', r'MSBuild\.dll', r'dcp \S+',
         r'Aspire\.Dashboard', r'beam\.smp|erlexec|rabbit', r'postgres', r'epmd']

def kind(command_line):
    for pattern in KINDS:
        if match := re.search(pattern, command_line):
            return match.group(0)
    return command_line[:60]

def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    started = time.time()
    apphost = subprocess.Popen(['dotnet', 'run', '--project', 'Jewelry.AppHost'], cwd=root, stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT, start_new_session=True)
    healthy = {}

    def poll(port):
        while True:
            try:
                if urllib.request.urlopen(f'http://localhost:{port}/health', timeout=30).status == 200:
                    healthy[port] = time.time() - started
                    return
            except Exception:
                pass
            time.sleep(0.1)

    for port in HEALTH_PORTS:
        threading.Thread(target=poll, args=(port,), daemon=True).start()

    processes = {}  # pid: [start, kind, cpu seconds]
    try:
        while len(healthy) < len(HEALTH_PORTS) and time.time() - started < 180:
            for pid in filter(str.isdigit, os.listdir('/proc')):
                if int(pid) == os.getpid():
                    continue
                try:
                    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
                    start = BOOT + int(fields[19]) / TICKS
                    if start < started - 0.5:
                        continue
                    cpu = (int(fields[11]) + int(fields[12])) / TICKS
                    if pid not in processes:
                        processes[pid] = [start - started, kind(open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')), cpu]
                    processes[pid][2] = cpu
                except (OSError, IndexError, ValueError):
                    pass  # gone between listing and reading
            time.sleep(0.1)
    finally:
        os.killpg(apphost.pid, signal.SIGTERM)
        apphost.wait()

    totals = {}
    for start, name, cpu in sorted(processes.values()):
        if cpu >= 0.05:
            print(f'{start:6.2f} s  {cpu:6.2f} CPU-s  {name}')
        totals[name] = totals.get(name, 0) + cpu
    print('CPU by kind:', ', '.join(f'{name} {cpu:.1f}' for name, cpu in sorted(totals.items(), key=lambda item: -item[1]) if cpu >= 0.1))
    print(f'total {sum(totals.values()):.1f} CPU-s; healthy after', ', '.join(f':{port} {seconds:.1f} s' for port, seconds in sorted(healthy.items())))
    return 0 if len(healthy) == len(HEALTH_PORTS) else 1

if __name__ == '__main__':
    sys.exit(main())
