#!/usr/bin/env python3
"""Cluster benchmark against running silos (start them with deploy/local/cluster.sh up).

  throughput: counter events spread round-robin over the given silo URLs, N concurrent clients,
              for D seconds: events/s, p50, p99; run once with one URL and once with all of them.
  failover:   events to M instances through the first silo while the pid given is SIGKILLed:
              time from the kill until every instance answered again.
  python3 cluster-bench.py throughput TOKEN SECONDS CLIENTS URL [URL...]
  python3 cluster-bench.py failover TOKEN PID URL [URL...]
"""
import json, os, signal, statistics, sys, threading, time, urllib.request

def call(url, token, method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url.rstrip('/') + '/api/v1/' + path, data=data, method=method,
                                 headers={'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b'null')

def instances(url, token, count):
    return [call(url, token, 'POST', 'workspaces/demo/instances', {'packageId': 'counter'})['instanceId'] for _ in range(count)]

def event(url, token, instance, timeout=30):
    call(url, token, 'POST', f'workspaces/demo/instances/{instance}/widgets/counter/events', {'handler': 'increment'}, timeout)

def throughput(token, seconds, clients, urls):
    ids = instances(urls[0], token, 64)
    latencies, errors, stop = [], {}, time.monotonic() + seconds
    lock = threading.Lock()
    def worker(w):
        i = w
        while time.monotonic() < stop:
            t = time.monotonic()
            try:
                event(urls[i % len(urls)], token, ids[i % len(ids)])
                with lock: latencies.append(time.monotonic() - t)
            except Exception as e:  # counted by kind: an HTTP status (503: grain call timed out) or the exception type
                kind = str(getattr(e, 'code', None) or type(e).__name__)
                with lock: errors[kind] = errors.get(kind, 0) + 1
            i += clients
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(clients)]
    [t.start() for t in threads]; [t.join() for t in threads]
    q = statistics.quantiles(latencies, n=100)
    print(f'{len(urls)} silo(s), {clients} clients, {seconds} s: {len(latencies)/seconds:.0f} events/s, '
          f'p50 {q[49]*1000:.1f} ms, p99 {q[98]*1000:.1f} ms, errors {sum(errors.values())} {errors or ""}')

def failover(token, pid, urls):
    ids = instances(urls[0], token, 60)
    for i in ids: event(urls[0], token, i)  # activate them (spread over the silos by placement)
    ok_after = {}
    killed_at = [None]
    stop = [False]
    def worker(w):
        k = w
        while not stop[0]:
            inst = ids[k % len(ids)]; k += 8
            try:
                event(urls[k % len(urls)], token, inst, timeout=60)
                if killed_at[0] is not None and inst not in ok_after:
                    ok_after[inst] = time.monotonic() - killed_at[0]
            except Exception:
                time.sleep(0.05)
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(8)]
    [t.start() for t in threads]
    time.sleep(3)
    started = time.monotonic()
    os.kill(pid, signal.SIGKILL); killed_at[0] = time.monotonic()
    # An instance counts as recovered by its first success started after the kill; all of them: the recovery.
    while len(ok_after) < len(ids) and time.monotonic() - started < 120: time.sleep(0.1)
    stop[0] = True; [t.join() for t in threads]
    times = sorted(ok_after.values())
    print(f'failover: {len(times)}/{len(ids)} instances answered again; median {statistics.median(times):.1f} s, '
          f'worst {times[-1]:.1f} s after the SIGKILL')

if __name__ == '__main__':
    mode, token = sys.argv[1], sys.argv[2]
    if mode == 'throughput': throughput(token, int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
    else: failover(token, int(sys.argv[3]), sys.argv[4:])
