#!/usr/bin/env python3
"""Writes shop.har, 500 entries in the shape Chromium's developer tools save (HTTP/2
pseudo-headers, _resourceType, cookies, postData as text or as params), with a few entries
as Firefox writes them (no _resourceType) and a few Salvo cannot send (data:, blob:, wss:),
and shop.expected.json: the requests an import gives, all of them and those of the API's
xhr and fetch entries alone. Run it again after changing the shape."""

import json
from pathlib import Path

HERE = Path(__file__).parent
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
LEFT_OUT = {"host", "content-length", "connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "accept-encoding"}


def entry(method, url, kind, mime, headers, post=None, firefox=False):
    parts = url.split("/", 3) + ["", "", ""]
    host = parts[2]
    path = "/" + parts[3]
    sent = [{"name": ":authority", "value": host}, {"name": ":method", "value": method},
            {"name": ":path", "value": path}, {"name": ":scheme", "value": "https"}]
    if firefox:
        sent = [{"name": "Host", "value": host}]
    sent += [{"name": n, "value": v} for n, v in headers]
    made = {
        "startedDateTime": "2026-12-07T10:00:00.000Z", "time": 12.5,
        "request": {"method": method, "url": url, "httpVersion": "h2" if not firefox else "HTTP/1.1",
                    "headers": sent, "queryString": [], "cookies": [],
                    "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "", "httpVersion": "h2", "headers": [],
                     "cookies": [], "content": {"size": 10, "mimeType": mime},
                     "redirectURL": "", "headersSize": -1, "bodySize": 10},
        "cache": {}, "timings": {"blocked": 1, "dns": -1, "ssl": -1, "connect": -1,
                                  "send": 0, "wait": 10, "receive": 1.5},
        "serverIPAddress": "203.0.113.7", "_priority": "High",
    }
    if not firefox:
        made["_resourceType"] = kind
        made["_initiator"] = {"type": "other"}
    if post is not None:
        made["request"]["postData"] = post
    return made


def expected_of(har_entry):
    request = har_entry["request"]
    headers = [[h["name"], h["value"]] for h in request["headers"]
               if not h["name"].startswith(":") and h["name"].lower() not in LEFT_OUT
               and h["name"].lower() != "cookie"]
    post = request.get("postData")
    body = None
    if post is not None:
        body = post["text"] if "text" in post else "&".join(
            f'{p["name"]}={p["value"]}' for p in post["params"])
    return {"method": request["method"], "url": request["url"], "headers": headers, "body": body}


def main():
    common = [("accept-encoding", "gzip, deflate, br"), ("accept-language", "en-GB,en;q=0.9"),
              ("cookie", "session=abc123; consent=yes"), ("user-agent", UA)]
    entries = []
    for i in range(470):
        kind = i % 10
        if kind == 0:
            entries.append(entry("GET", f"https://www.shop.example/category/{i}", "document",
                                 "text/html", [("accept", "text/html")] + common))
        elif kind in (1, 2):
            entries.append(entry("GET", f"https://api.shop.example/v1/products?page={i}&size=20",
                                 "fetch" if kind == 1 else "xhr", "application/json",
                                 [("accept", "application/json")] + common))
        elif kind == 3:
            body = json.dumps({"sku": f"SKU-{i}", "quantity": i % 4 + 1, "note": "gift \"wrap\""})
            entries.append(entry("POST", "https://api.shop.example/v1/cart/items", "xhr",
                                 "application/json",
                                 [("content-type", "application/json"),
                                  ("content-length", str(len(body)))] + common,
                                 post={"mimeType": "application/json", "text": body}))
        elif kind == 4:
            entries.append(entry("POST", "https://www.shop.example/newsletter", "document",
                                 "text/html",
                                 [("content-type", "application/x-www-form-urlencoded")] + common,
                                 post={"mimeType": "application/x-www-form-urlencoded",
                                       "params": [{"name": "email", "value": f"n{i}"},
                                                  {"name": "list", "value": "weekly"}]}))
        elif kind == 5:
            entries.append(entry("GET", f"https://cdn.shop.example/img/{i}.webp", "image",
                                 "image/webp", [("accept", "image/avif,image/webp")] + common))
        elif kind == 6:
            entries.append(entry("GET", f"https://cdn.shop.example/js/app.{i}.js", "script",
                                 "application/javascript", common))
        elif kind == 7:
            entries.append(entry("GET", f"https://cdn.shop.example/css/site.{i}.css",
                                 "stylesheet", "text/css", common))
        elif kind == 8:
            entries.append(entry("DELETE", f"https://api.shop.example/v1/cart/items/{i}", "",
                                 "application/json", [("accept", "application/json")] + common,
                                 firefox=True))
        else:
            entries.append(entry("GET", f"https://fonts.shop.example/f/{i}.woff2", "font",
                                 "font/woff2", common))
    unsendable = [entry("GET", "data:image/png;base64,iVBORw0KGgo=", "image", "image/png", []),
                  entry("GET", "blob:https://www.shop.example/5f1c", "media", "video/mp4", []),
                  entry("GET", "wss://live.shop.example/socket", "websocket", "", [])]
    for offset, bad in enumerate(unsendable):
        entries.insert(100 * (offset + 1), bad)
    # 500 in all: the last 27 are more API calls.
    for i in range(500 - len(entries)):
        entries.append(entry("GET", f"https://api.shop.example/v1/stock/{i}", "fetch",
                             "application/json", [("accept", "application/json")] + common))
    har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                   "pages": [{"startedDateTime": "2026-12-07T10:00:00.000Z", "id": "page_1",
                              "title": "https://www.shop.example/", "pageTimings": {}}],
                   "entries": entries}}
    sendable = [e for e in entries if e["request"]["url"].startswith("https://")]
    api = [e for e in sendable if e["request"]["url"].startswith("https://api.shop.example/")
           and (e.get("_resourceType") in ("xhr", "fetch")
                or e["response"]["content"]["mimeType"] == "application/json")]
    (HERE / "shop.har").write_text(json.dumps(har, indent=1) + "\n")
    (HERE / "shop.expected.json").write_text(json.dumps(
        {"all": [expected_of(e) for e in sendable], "api": [expected_of(e) for e in api],
         "skipped": [entries.index(b) + 1 for b in unsendable]}, separators=(",", ":")) + "\n")


main()
