#!/usr/bin/env python3
"""A test in another language against `elemente emulator`: Python 3, standard library only.

Usage: busy_call_test.py BASE_URL USERNAME PASSWORD

It scripts a busy line over the control surface, places a call through the API routes, reads the call until it ends
busy, and reads the recorded interaction back. Exit code 0 when all holds; 1 with the reason otherwise.
"""
import base64
import json
import sys
import time
import urllib.error
import urllib.request

NUMBER = "+12155550100"


def send(method, url, body=None, auth=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if auth is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii"))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode("utf-8") or "null")


def check(condition, message):
    if not condition:
        print("FAILED: " + message, file=sys.stderr)
        sys.exit(1)


def main():
    base, username, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    auth = username + ":" + password

    status, _ = send("POST", base + "/__emulator/reset")
    check(status == 200, "reset answered %s" % status)
    status, body = send("POST", base + "/__emulator/scripts", {"phoneNumber": NUMBER, "outcome": "busy"})
    check(status == 201, "script answered %s: %s" % (status, body))

    request = {
        "agentId": "123e4567-e89b-12d3-a456-426614174000",
        "skillId": "223e4567-e89b-12d3-a456-426614174000",
        "channel": "call",
        "customerOverride": {"phoneNumber": NUMBER, "firstName": "Ada"},
    }
    status, body = send("POST", base + "/api/v1/calls", {"agentId": "", **{k: v for k, v in request.items() if k != "agentId"}}, auth)
    check(status == 400 and "agentId should not be empty" in body["message"], "an empty agentId answered %s: %s" % (status, body))
    status, call = send("POST", base + "/api/v1/calls", request, auth)
    check(status == 201, "create answered %s: %s" % (status, call))
    call_id = call["id"]

    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, call = send("GET", base + "/api/v1/calls/" + call_id, auth=auth)
        check(status == 200, "get answered %s: %s" % (status, call))
        if not seen or seen[-1] != call["status"]:
            seen.append(call["status"])
        if call["status"] not in ("queued", "ringing", "in-progress"):
            break
        time.sleep(0.25)
    check(seen[-1] == "busy", "the call ended %s (seen: %s)" % (seen[-1], seen))
    check("ringing" in seen, "the call never rang (seen: %s)" % seen)

    status, interactions = send("GET", base + "/__emulator/interactions")
    check(status == 200, "interactions answered %s" % status)
    created = [i for i in interactions if i["id"] == call_id]
    check(len(interactions) == 1 and len(created) == 1, "recorded interactions: %s" % interactions)
    check(created[0]["outcome"] == "busy" and created[0]["status"] == "busy", "recorded: %s" % created[0])
    check(created[0]["request"]["customerOverride"]["phoneNumber"] == NUMBER, "recorded request: %s" % created[0]["request"])
    status, requests = send("GET", base + "/__emulator/requests")
    check([r["statusCode"] for r in requests][:2] == [400, 201], "recorded requests: %s" % requests[:2])
    print("ok: " + " -> ".join(seen))


if __name__ == "__main__":
    main()
