#!/usr/bin/python3
# Reads a JUnit file with python3-junitparser, as CI tooling does, and prints what it found as
# JSON: the declared counts of each suite, then the counts junitparser makes from the cases.
#
# Usage: /usr/bin/python3 -I read_junit.py FILE.xml (Debian's Python, python3-junitparser)
import json, sys
try:
    from junitparser import JUnitXml
except ImportError:
    sys.exit("python3-junitparser is missing: apt-get install python3-junitparser")
xml = JUnitXml.fromfile(sys.argv[1])
out = {"name": xml.name, "tests": xml.tests, "failures": xml.failures, "errors": xml.errors,
       "time": xml.time, "suites": []}
for suite in xml:
    found = {"name": suite.name, "tests": suite.tests, "failures": suite.failures,
             "errors": suite.errors, "skipped": suite.skipped, "time": suite.time,
             "timestamp": suite.timestamp, "cases": []}
    for case in suite:
        found["cases"].append({
            "classname": case.classname, "name": case.name, "time": case.time,
            "results": [{"kind": type(r).__name__, "type": r.type, "message": r.message,
                         "text": r.text} for r in case.result]})
    suite.update_statistics()
    found["counted"] = {"tests": suite.tests, "failures": suite.failures,
                        "errors": suite.errors, "skipped": suite.skipped}
    out["suites"].append(found)
print(json.dumps(out))
