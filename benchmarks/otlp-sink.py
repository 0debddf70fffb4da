# Minimal OTLP/HTTP receiver for the telemetry overhead benchmark (docs/benchmarks.md): accepts every
# export with 200 and discards it, keeping request and byte counts per path in the file given.
#   python3 benchmarks/otlp-sink.py 4318 /tmp/otlp-sink.json &
import http.server, sys, threading, json
counts = {}
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get('Content-Length', 0)); self.rfile.read(n)
        with lock:
            c = counts.setdefault(self.path, [0, 0]); c[0] += 1; c[1] += n
            open(sys.argv[2], 'w').write(json.dumps(counts))
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf'); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
