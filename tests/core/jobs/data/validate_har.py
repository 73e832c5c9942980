#!/usr/bin/python3
# Validates a HAR file against node-har-schema's JSON Schema (draft 6, one file per object)
# with python3-jsonschema, formats checked: the schema marks URLs as "uri". It first makes
# sure the checks are really on, since a missing python3-rfc3987 turns the uri check off
# without a word. Prints one line per error; exit status 1 when there are any.
#
# Usage: /usr/bin/python3 -I validate_har.py FILE.har (Debian's Python: python3-jsonschema,
# python3-rfc3987 and node-har-schema installed)
import json, pathlib, sys
try:
    import jsonschema
except ImportError:
    sys.exit("python3-jsonschema is missing: apt-get install python3-jsonschema")
schemas = pathlib.Path("/usr/share/nodejs/har-schema/lib")
if not (schemas / "har.json").is_file():
    sys.exit("node-har-schema is missing: apt-get install node-har-schema")
store = {}
for path in schemas.glob("*.json"):
    schema = json.loads(path.read_text())
    store[schema["$id"]] = schema
    store[schema["$id"].rstrip("#")] = schema
root = store["har.json"]
checker = jsonschema.draft6_format_checker
if checker.conforms("http://a.example/a b", "uri"):
    sys.exit("URIs are not checked: apt-get install python3-rfc3987")
validator = jsonschema.Draft6Validator(
    root, resolver=jsonschema.RefResolver("har.json", root, store=store), format_checker=checker)
if validator.is_valid({"log": {"version": "1.2", "creator": {}, "entries": []}}):
    sys.exit("the schema's references are not followed")
document = json.loads(pathlib.Path(sys.argv[1]).read_bytes().decode("utf-8"))
errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
for error in errors:
    print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
sys.exit(1 if errors else 0)
