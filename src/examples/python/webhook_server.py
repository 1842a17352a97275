"""A minimal Vapi webhook server (Python standard library only), to put behind `vapi-check proxy`.

Usage: python3 webhook_server.py PORT   (listens on 127.0.0.1:PORT)
Answers tool-calls with one result per call; every other message with 200 and an empty object.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Webhook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        message = json.loads(body)["message"]  # the proxy has already checked it
        reply = {}
        if message["type"] == "tool-calls":
            reply = {"results": [{"toolCallId": call["id"], "name": call["function"]["name"], "result": "done"}
                                 for call in message["toolCallList"]]}
        data = json.dumps(reply).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Webhook).serve_forever()
