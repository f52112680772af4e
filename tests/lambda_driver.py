"""Run events through Zappa's real Lambda entry point in a fresh interpreter.

    python tests/lambda_driver.py <dir holding zappa_settings.py> <code root> [more paths…]

Reads one API Gateway event per line on stdin and answers each with one line of JSON, so a test can
hold a conversation (sign in, then use the session). Zappa's handler is a process-wide singleton; a
process per stage keeps stages and tests apart, as separate Lambda instances are.
"""

import json
import sys

sys.path[:0] = sys.argv[1:]

from zappa.handler import lambda_handler  # noqa: E402


class Context:
    aws_request_id = "test-request"
    function_name = "sawt-test"
    memory_limit_in_mb = 512

    @staticmethod
    def get_remaining_time_in_millis():
        return 15000


for line in sys.stdin:
    if line.strip():
        result = lambda_handler(json.loads(line), Context())
        sys.stdout.write("@@" + json.dumps(result) + "\n")
        sys.stdout.flush()
