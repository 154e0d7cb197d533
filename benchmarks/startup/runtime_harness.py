#!/usr/bin/env python3
"""Times a custom runtime from process start to its first answered invocation.

Serves a Lambda Runtime API on 127.0.0.1: each process started gets one invocation (EVENT_FILE) and,
when it asks for the next one, a 500, on which `lift runtime` ends. For each of RUNS processes (after
WARMUP unmeasured ones) it records the time from just before the process is started to the moment
its response arrives at POST .../invocation/{id}/response, and to the process's exit.

The first figure is the one that matters on Lambda. The exit is reported too but is not start-up:
Java 17 waits up to 300 ms at exit for threads blocked in native code, such as the selector thread
of java.net.http.HttpClient.

Usage: runtime_harness.py LABEL RUNS WARMUP EVENT_FILE COMMAND [ARGS...]
Prints one Markdown table row: | LABEL | mean ± sd | median | min | max | exit median |
"""
import http.server
import os
import statistics
import subprocess
import sys
import threading
import time

label, runs, warmup, event_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
command = sys.argv[5:]
EVENT = open(event_file, "rb").read()
marks = {}
lock = threading.Lock()


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/2018-06-01/runtime/invocation/next":
            return self.reply(404, b'{"errorMessage":"unknown path"}')
        with lock:
            first = "next" not in marks
            marks.setdefault("next", time.perf_counter())
        if not first:
            return self.reply(500, b'{"errorMessage":"benchmark run over"}')
        self.reply(200, EVENT, [("Lambda-Runtime-Aws-Request-Id", "bench-1"),
                                ("Lambda-Runtime-Deadline-Ms", "9999999999999"),
                                ("Lambda-Runtime-Invoked-Function-Arn",
                                 "arn:aws:lambda:us-east-1:123456789012:function:lift-bench"),
                                ("Content-Type", "application/json")])

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.endswith("/response"):
            marks["response"] = time.perf_counter()
        elif self.path.endswith("/error"):
            marks["error"] = time.perf_counter()
        self.reply(202, b'{"status":"OK"}')


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RuntimeApi)
threading.Thread(target=server.serve_forever, daemon=True).start()
env = dict(os.environ, AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d" % server.server_address[1])

answered, exited = [], []
for i in range(warmup + runs):
    marks.clear()
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    end = time.perf_counter()
    if "response" not in marks:
        sys.exit("%s: run %d posted no response (error: %s); run the command by hand to see why"
                 % (label, i + 1, "error" in marks))
    if i >= warmup:
        answered.append((marks["response"] - start) * 1000)
        exited.append((end - start) * 1000)

print("| %s | %.0f ± %.0f | %.0f | %.0f | %.0f | %.0f |" % (
    label, statistics.mean(answered), statistics.stdev(answered) if len(answered) > 1 else 0.0,
    statistics.median(answered),
    min(answered), max(answered), statistics.median(exited)))
