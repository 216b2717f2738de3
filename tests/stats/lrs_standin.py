#!/usr/bin/python3
"""A small Learning Record Store stand-in for the xAPI tests (standard library only).

Usage: /usr/bin/python3 lrs_standin.py FOLDER USER PASSWORD

Listens on 127.0.0.1 on a free port and prints "listening on PORT" (flushed).
POST /xapi/statements is the xAPI 1.0.3 statements resource as far as the
tests need it; each request is checked before anything is stored:
  - "X-Experience-API-Version: 1.0.3" and "Content-Type: application/json"
    (else 400), Basic auth USER:PASSWORD (else 401);
  - the body is a statement or an array of them, each with the required
    fields (id an RFC 4122 UUID of version 1-5, actor an Agent with
    account.homePage an IRL and account.name, verb.id an IRI with a display
    language map, object an Activity with an IRI id, timestamp ISO 8601 with
    a zone, context.extensions keys IRIs, result.success a boolean for
    "answered") (else 400), no id twice in one batch (else 400);
  - idempotency: an id stored before with the same content is accepted again,
    with other content it is 409 Conflict and nothing of the batch is stored.
While the file FOLDER/fail-after holds a number N, a batch that would take
the total stored past N is answered 503 and not stored (read at each request). Statements live in FOLDER/stored.json (kept
across restarts); FOLDER/accepted.log gets one line per newly stored id.
Answers carry {"message": ...} on errors. Stops on SIGTERM.
"""
import base64
import json
import os
import re
import signal
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
IRL = re.compile(r"^https?://[^\s/]+(/[^\s]*)?$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def statement_problem(statement):
    """What makes `statement` invalid, or None."""
    if not isinstance(statement, dict):
        return "a statement must be an object"
    if not isinstance(statement.get("id"), str) or not UUID.match(statement["id"]):
        return "id must be a UUID (RFC 4122, version 1-5): %r" % statement.get("id")
    actor = statement.get("actor")
    if not isinstance(actor, dict) or actor.get("objectType", "Agent") != "Agent":
        return "actor must be an Agent"
    account = actor.get("account")
    if not isinstance(account, dict) or not IRL.match(str(account.get("homePage", ""))) \
            or not isinstance(account.get("name"), str) or not account["name"]:
        return "actor.account needs homePage (an IRL) and name"
    if len([k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in actor]) != 1:
        return "an Agent has exactly one inverse functional identifier"
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not IRI.match(str(verb.get("id", ""))):
        return "verb.id must be an IRI"
    display = verb.get("display")
    if not isinstance(display, dict) or not display or \
            not all(isinstance(v, str) for v in display.values()):
        return "verb.display must be a language map"
    target = statement.get("object")
    if not isinstance(target, dict) or target.get("objectType", "Activity") != "Activity" \
            or not IRI.match(str(target.get("id", ""))):
        return "object must be an Activity with an IRI id"
    if not TIMESTAMP.match(str(statement.get("timestamp", ""))):
        return "timestamp must be ISO 8601 with a zone: %r" % statement.get("timestamp")
    context = statement.get("context", {})
    for key in context.get("extensions", {}):
        if not IRI.match(key):
            return "context.extensions keys must be IRIs: %r" % key
    if verb["id"] == "http://adlnet.gov/expapi/verbs/answered" and \
            not isinstance(statement.get("result", {}).get("success"), bool):
        return "an answer needs result.success"
    if "version" in statement and not str(statement["version"]).startswith("1.0"):
        return "version must be 1.0.x"
    return None


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.path = os.path.join(folder, "stored.json")
        self.stored = {}
        if os.path.exists(self.path):
            with open(self.path, encoding="utf-8") as f:
                self.stored = json.load(f)

    def fail_after(self):
        try:
            with open(os.path.join(self.folder, "fail-after")) as f:
                return int(f.read())
        except FileNotFoundError:
            return None

    def save(self, new_ids):
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(self.stored, f, ensure_ascii=False)
        with open(os.path.join(self.folder, "accepted.log"), "a") as log:
            for statement_id in new_ids:
                log.write(statement_id + "\n")


def handler_for(store, user, password):
    expected_auth = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Experience-API-Version", "1.0.3")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            if self.path.rstrip("/") != "/xapi/statements":
                return self.answer(404, {"message": "no resource " + self.path})
            if self.headers.get("X-Experience-API-Version") != "1.0.3":
                return self.answer(400, {"message": "X-Experience-API-Version 1.0.3 missing"})
            if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                return self.answer(400, {"message": "Content-Type must be application/json"})
            if self.headers.get("Authorization") != expected_auth:
                return self.answer(401, {"message": "bad credentials"})
            try:
                statements = json.loads(body.decode("utf-8"))
            except ValueError as error:
                return self.answer(400, {"message": "not JSON: %s" % error})
            if isinstance(statements, dict):
                statements = [statements]
            for statement in statements:
                problem = statement_problem(statement)
                if problem:
                    return self.answer(400, {"message": problem})
            ids = [s["id"] for s in statements]
            if len(set(ids)) != len(ids):
                return self.answer(400, {"message": "the same id twice in one batch"})
            new_ids = []
            for statement in statements:
                known = store.stored.get(statement["id"])
                if known is None:
                    new_ids.append(statement["id"])
                elif known != statement:
                    return self.answer(409, {"message": "statement %s exists with other content"
                                                        % statement["id"]})
            fail_after = store.fail_after()
            if fail_after is not None and len(store.stored) + len(new_ids) > fail_after:
                return self.answer(503, {"message": "the stand-in was told to fail after %d"
                                                    % fail_after})
            for statement in statements:
                store.stored.setdefault(statement["id"], statement)
            store.save(new_ids)
            return self.answer(200, ids)

    return Handler


def main():
    folder, user, password = sys.argv[1:4]
    server = HTTPServer(("127.0.0.1", 0), handler_for(Store(folder), user, password))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
