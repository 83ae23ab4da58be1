"""Loopback-only test servers: a tiny SMTP server (socketserver) and a webhook receiver (http.server)."""

from __future__ import annotations

import base64
import http.server
import socketserver
import threading
from email import message_from_bytes, policy
from typing import Any

#: how often serve_forever looks for stop(); socketserver's 0.5 s made every stop() wait up to half a second
STOP_POLL = 0.02


class _SMTPHandler(socketserver.StreamRequestHandler):
    def _send(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self) -> None:
        srv: Any = self.server
        self._send("220 localhost test SMTP")
        mail_from, rcpts = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            cmd = line.split(" ", 1)[0].upper()
            if cmd == "EHLO":
                self._send("250-localhost")
                self._send("250-AUTH PLAIN")
                self._send("250 8BITMIME")
            elif cmd == "HELO":
                self._send("250 localhost")
            elif cmd == "AUTH":
                parts = line.split()
                creds = base64.b64decode(parts[2]).split(b"\0") if len(parts) > 2 else []
                srv.auth.append([c.decode() for c in creds])
                ok = len(creds) == 3 and creds[2].decode() == srv.password
                self._send("235 ok" if ok else "535 bad credentials")
            elif cmd == "MAIL":
                mail_from, rcpts = line[10:].strip("<> "), []
                self._send("250 ok")
            elif cmd == "RCPT":
                rcpts.append(line[8:].strip("<> "))
                self._send("250 ok")
            elif cmd == "DATA":
                self._send("354 end with .")
                data = bytearray()
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                srv.messages.append(
                    {"from": mail_from, "to": rcpts, "message": message_from_bytes(bytes(data), policy=policy.default)}
                )
                self._send("250 queued")
            elif cmd == "QUIT":
                self._send("221 bye")
                return
            else:
                self._send("250 ok")


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, password: str = "") -> None:
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.messages: list[dict[str, Any]] = []
        self.auth: list[list[str]] = []
        self.password = password
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": STOP_POLL}, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class WebhookServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, status: int = 200) -> None:
        received: list[dict[str, Any]] = []
        code = status

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *a: Any) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.received = received
        self.port = self.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": STOP_POLL}, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
