"""schemathesis against the real local server (gunicorn, as `make run`): every check, positive and
negative data, the stateful phase following the document's links, a fixed seed: zero failures.

The document is read from the server itself, so what is fuzzed is what the server publishes. The
limits are raised by configuration only (thousands of requests from one address would otherwise
meet the per-client limits, which tests/test_limits_*.py test). Settings: tests/fuzz/schemathesis.toml;
what they mean and why: docs/api.md.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from schemas.openapi import build_spec
from scripts.serving import LocalServer

ROOT = Path(__file__).resolve().parent.parent
# 429: the limits are raised for the run (tests/test_limits_*.py meet them); 503: the store is up
# (tests/test_bad_input.py breaks it). The rest, by operation, each produced and checked against the
# document in tests/test_openapi.py::test_real_answers_obey_their_declared_schemas (or as named):
NOT_BROUGHT_ABOUT = {
    # the pages answering form posts: form posts are not fuzzed (docs/api.md)
    ("post", "/api/grievances", "200"),
    ("post", "/api/grievances/{reference}/replies", "200"),
    *(("post", "/api/grievances/{reference}/documents", status) for status in ("200", "404", "409", "413", "422")),
    # back from posting a file without JavaScript: only a signed address, from a page, gets past 403
    # (tests/test_documents_without_js.py); the local upload's 303 answers those pages only
    *(("get", "/api/grievances/{reference}/documents/{upload_id}", status) for status in ("200", "409", "422")),
    ("post", "/api/uploads/{upload_id}/content", "303"),
    # bodies over SAWT_MAX_BODY_BYTES: the fuzzer keeps to the declared lengths (tests/test_bad_input.py)
    *(("post", path, "413") for path in ("/api/grievances", "/api/grievances/check", "/api/track",
                                         "/api/grievances/{reference}/replies", "/api/grievances/{reference}/withdraw",
                                         "/api/uploads", "/api/uploads/{upload_id}/content",
                                         "/api/tracking-codes/reissue")),
    # a staff request for information, a real file, a filing drawn valid and then tracked: states
    # the fuzzer's journeys reach in some runs only
    ("post", "/api/track", "200"),
    ("post", "/api/grievances/{reference}/replies", "201"),
    ("post", "/api/grievances/{reference}/replies", "409"),
    ("post", "/api/grievances/{reference}/withdraw", "200"),
    ("post", "/api/grievances/{reference}/withdraw", "409"),
    ("post", "/api/uploads/{upload_id}/verify", "200"),
    # the document itself is what schemathesis reads, not an operation it calls
    ("get", "/api/openapi.json", "200"),
}  # fmt: skip
RAISED_LIMITS = {
    name: "1000000"
    for name in ("SAWT_FILINGS_PER_HOUR", "SAWT_UPLOADS_PER_HOUR", "SAWT_TRACK_FAILURES",
                 "SAWT_TRACK_FAILURES_PER_CLIENT", "SAWT_TRACK_FAILURES_PER_REFERENCE",
                 "SAWT_REISSUES_PER_REFERENCE", "SAWT_REISSUES_PER_CLIENT")
}  # fmt: skip


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory, built_site):
    server = LocalServer(tmp_path_factory.mktemp("fuzz") / "data", built_site, env=RAISED_LIMITS).start()
    yield server
    server.stop()


def test_schemathesis_finds_nothing(fuzzed_server, tmp_path):
    seen_file = tmp_path / "seen.txt"
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.fuzz.hooks", "PYTHONPATH": str(ROOT),
           "SAWT_FUZZ_SEEN": str(seen_file)}  # fmt: skip
    run = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "--config-file", "tests/fuzz/schemathesis.toml",
         "run", f"{fuzzed_server.url}/api/openapi.json", "--checks", "all", "--mode", "all",
         "--phases", "examples,coverage,fuzzing,stateful", "--no-color", "--request-timeout", "60",
         "--report", "junit", "--report-dir", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    summary = run.stdout[-4000:]
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-3000:]
    assert re.search(r"Tested: 1\d", summary), summary  # every operation of the document
    assert re.search(r"\d+ generated, \d+ passed", summary), summary
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in summary, summary
    # Every status the document declares is one the server gave in the run, but for those a
    # fuzzer cannot bring about on a healthy server with raised limits (docs/api.md).
    seen = {tuple(line.split(" ")) for line in seen_file.read_text().splitlines()}
    declared = {
        (method, path, status)
        for path, methods in build_spec()["paths"].items()
        for method, operation in methods.items()
        for status in operation["responses"]
        if (method, path, status) not in NOT_BROUGHT_ABOUT and status not in ("429", "503")
    }
    assert sorted(declared - seen) == []
