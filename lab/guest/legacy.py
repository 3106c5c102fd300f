#!/usr/bin/env python3
"""The non-managed entity of the lab: a plain TCP service on the secure side (in the core's namespace) that
app keeps a clear-text session with. Logs every line it receives like the guests do, with the host's clock:
    SLM <epoch seconds> legacy rx <peer> <kind> <seq>
Usage: legacy.py ADDRESS PORT LOGFILE"""
import socketserver
import sys
import time


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        with open(sys.argv[3], "a", buffering=1) as log:
            log.write(f"SLM {time.time():.2f} legacy accept {self.client_address[0]} session -\n")
            for raw in self.rfile:
                parts = raw.decode(errors="replace").split()
                if len(parts) == 3:
                    log.write(f"SLM {time.time():.2f} legacy rx {parts[0]} {parts[1]} {parts[2]}\n")
            log.write(f"SLM {time.time():.2f} legacy closed {self.client_address[0]} session -\n")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    Server((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
