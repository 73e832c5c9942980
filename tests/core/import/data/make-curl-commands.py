#!/usr/bin/env python3
"""Writes curl-commands.txt (25 commands quoted as a browser's "Copy as cURL (bash)" writes
them, then 25 as "Copy as cURL (cmd)" does) and curl-commands.expected.json (what each
command sends), from one list of requests. Run it again after changing the list."""

import base64
import json
import re
import urllib.parse
from pathlib import Path

HERE = Path(__file__).parent


def posix(text):
    # As Chromium's escapeStringPosix: ANSI-C quoting when the text needs it.
    if re.search(r"[\x00-\x1f\x7f-\x9f!']", text):
        out = (text.replace("\\", "\\\\").replace("'", "\\'")
               .replace("\n", "\\n").replace("\r", "\\r"))
        out = re.sub(r"[\x00-\x1f\x7f-\x9f!]", lambda m: "\\u%04x" % ord(m.group(0)), out)
        return "$'" + out + "'"
    return "'" + text + "'"


def cmd(text):
    # As Chromium's escapeStringWin.
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = re.sub(r"[^a-zA-Z0-9\s_\-:=+~'/.',?;()*`&]", lambda m: "^" + m.group(0), out)
    out = re.sub(r"%(?=[a-zA-Z0-9_])", "%^", out)
    out = re.sub(r"\r?\n", "^\n\n", out)
    return '^"' + out + '^"'


def requests():
    """Each request: the options as (flag, value) and what it sends."""
    made = []
    for i in range(25):
        base = f"https://shop.example/api/v2/items/{1000 + i}"
        kind = i % 5
        if kind == 0:
            ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            options = [("-H", "accept: application/json"), ("-H", f"user-agent: {ua}"),
                       ("--compressed", None)]
            sends = dict(method="GET", url=base + "?lang=en&page=2",
                         headers=[["accept", "application/json"], ["user-agent", ua]], body=None)
            made.append((base + "?lang=en&page=2", options, sends))
        elif kind == 1:
            body = ('{"note":"it\'s 100% \\"fine\\"!\\nnext line",\n'
                    ' "tags":["a&b","c|d"], "path":"C:\\\\temp"}')
            options = [("-H", "content-type: application/json"), ("--data-raw", body)]
            sends = dict(method="POST", url=base,
                         headers=[["content-type", "application/json"]], body=body)
            made.append((base, options, sends))
        elif kind == 2:
            options = [("-u", f"user{i}:p@ss:word"), ("-G", None), ("-d", "q=red shoes"),
                       ("--data-urlencode", "name=a b&c")]
            auth = "Basic " + base64.b64encode(f"user{i}:p@ss:word".encode()).decode()
            sends = dict(method="GET", url=base + "?q=red shoes&name=a%20b%26c",
                         headers=[["Authorization", auth]], body=None)
            made.append((base, options, sends))
        elif kind == 3:
            options = [("-X", "PUT"), ("-b", "session=abc123; theme=dark"),
                       ("--json", '{"stock": 3}')]
            sends = dict(method="PUT", url=base,
                         headers=[["Cookie", "session=abc123; theme=dark"],
                                  ["Content-Type", "application/json"],
                                  ["Accept", "application/json"]],
                         body='{"stock": 3}')
            made.append((base, options, sends))
        else:
            options = [("-X", "POST"), ("-H", "Content-Type: application/x-www-form-urlencoded"),
                       ("--data-raw", "a=1&b=%20two")]
            sends = dict(method="POST", url=base,
                         headers=[["Content-Type", "application/x-www-form-urlencoded"]],
                         body="a=1&b=%20two")
            made.append((base, options, sends))
    return made


def command(url, options, quote, joiner):
    parts = ["curl " + quote(url)]
    for flag, value in options:
        parts.append(flag if value is None else f"{flag} {quote(value)}")
    return joiner.join(parts)


def main():
    lines, expected = [], []
    for quote, joiner in ((posix, " \\\n  "), (cmd, " ^\n  ")):
        for url, options, sends in requests():
            lines.append(command(url, options, quote, joiner))
            expected.append(sends)
    (HERE / "curl-commands.txt").write_text("\n".join(lines) + "\n")
    (HERE / "curl-commands.expected.json").write_text(json.dumps(expected, indent=1) + "\n")


main()
