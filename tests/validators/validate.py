"""Second opinions on `readiness convert` outputs, from the tools auditors use (issue 25).

    validate.py FILE... [--dsse-public-key HEX]

Each file is checked by its suffix:
  *.junit.xml          xmlschema against tests/schemas/junit-10.xsd, then junitparser: every
                       suite's tests/failures/skipped counts equal what its test cases say
  *.items.csv          Python's csv reader (UTF-8 with BOM): one header, every row as wide
  *.signoffs.csv       the same
  *.oscal-ar.json      compliance-trestle's AssessmentResults model (OSCAL 1.1.2)
  *.test-result.json   in-toto-attestation: a valid v1 Statement whose predicate parses as the
                       test-result v0 proto (no unknown fields)
  *.dsse.json          securesystemslib: the DSSE envelope verifies with the given Ed25519 public
                       key, and its payload is such a Statement

Prints one line per file; exits 1 when any file fails.
"""

import csv
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def junit(path: Path) -> str:
    import xmlschema
    from junitparser import JUnitXml, TestSuite

    xmlschema.XMLSchema(ROOT / "tests/schemas/junit-10.xsd").validate(path)
    xml = JUnitXml.fromfile(str(path))
    suites = [s for s in xml] if not isinstance(xml, TestSuite) else [xml]
    total = failed = skipped = 0
    for s in suites:
        cases = list(s)
        f = sum(1 for c in cases if any(r._tag == "failure" for r in c.result))
        k = sum(1 for c in cases if any(r._tag == "skipped" for r in c.result))
        if (int(s._elem.get("tests")), int(s._elem.get("failures")), int(s._elem.get("skipped"))) != (
            len(cases),
            f,
            k,
        ):
            raise ValueError(f"suite {s.name!r}: counts do not match its test cases")
        total, failed, skipped = total + len(cases), failed + f, skipped + k
    root = xml._elem
    if (int(root.get("tests")), int(root.get("failures"))) != (total, failed):
        raise ValueError("testsuites: counts do not match the suites")
    return f"{len(suites)} suites, {total} tests, {failed} failures, {skipped} skipped"


def table(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise ValueError("no UTF-8 byte-order mark")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise ValueError(f"rows of different widths: {sorted(widths)}")
    return f"{len(rows) - 1} rows of {rows[0][0]}…{rows[0][-1]}"


def oscal(path: Path) -> str:
    from trestle.oscal.assessment_results import AssessmentResults

    ar = AssessmentResults.oscal_read(path)
    if ar is None:
        raise ValueError("trestle read nothing")
    result = ar.results[0]
    findings = result.findings or []
    attestations = result.attestations or []
    states = {}
    for f in findings:
        s = f.target.status.state
        s = getattr(s, "value", s)
        states[s] = states.get(s, 0) + 1
    return f"{len(findings)} findings {states}, {len(attestations)} attestations"


def statement(text: bytes) -> str:
    from google.protobuf import json_format
    from in_toto_attestation.predicates.test_result.v0 import test_result_pb2
    from in_toto_attestation.v1 import statement_pb2
    from in_toto_attestation.v1.statement import Statement

    pb = statement_pb2.Statement()
    json_format.Parse(text, pb)
    Statement.copy_from_pb(pb).validate()
    if pb.predicate_type != "https://in-toto.io/attestation/test-result/v0.1":
        raise ValueError(f"predicate type {pb.predicate_type}")
    tr = test_result_pb2.TestResult()
    json_format.ParseDict(json.loads(text)["predicate"], tr)
    if tr.result not in ("PASSED", "FAILED", "WARNED"):
        raise ValueError(f"result {tr.result!r}")
    return f"{tr.result}, {len(tr.passed_tests)} passed, {len(tr.failed_tests)} failed"


def dsse(path: Path, public_hex: str) -> str:
    from securesystemslib.dsse import Envelope
    from securesystemslib.signer import SSlibKey

    env = Envelope.from_dict(json.loads(path.read_text()))
    keyid = env.signatures and next(iter(env.signatures))
    key = SSlibKey(keyid, "ed25519", "ed25519", {"public": public_hex})
    env.verify([key], 1)
    if env.payload_type != "application/vnd.in-toto+json":
        raise ValueError(f"payload type {env.payload_type}")
    return "signature verifies; " + statement(env.payload)


def main(argv):
    public = None
    files = []
    it = iter(argv)
    for a in it:
        if a == "--dsse-public-key":
            public = next(it)
        else:
            files.append(Path(a))
    failed = 0
    for path in files:
        name = path.name
        try:
            if name.endswith(".junit.xml"):
                what = junit(path)
            elif name.endswith(".csv"):
                what = table(path)
            elif name.endswith(".oscal-ar.json"):
                what = oscal(path)
            elif name.endswith(".dsse.json"):
                if not public:
                    raise ValueError("--dsse-public-key is needed for a DSSE envelope")
                what = dsse(path, public)
            elif name.endswith(".test-result.json"):
                what = statement(path.read_bytes())
            else:
                raise ValueError("unknown suffix")
            print(f"ok {path}: {what}")
        except Exception as e:  # noqa: BLE001 - every failure is reported the same way
            failed += 1
            print(f"FAILED {path}: {type(e).__name__}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
