"""Run events through Zappa's real Lambda entry point in a fresh interpreter.

    python tests/lambda_driver.py <dir holding zappa_settings.py> <code root> < events.json

Zappa's handler is a process-wide singleton; a process per run keeps stages and tests apart, as
separate Lambda instances are.
"""

import json
import sys

settings_dir, code_root = sys.argv[1], sys.argv[2]
sys.path[:0] = [settings_dir, code_root]

from zappa.handler import lambda_handler  # noqa: E402


class Context:
    aws_request_id = "test-request"
    function_name = "sawt-test"
    memory_limit_in_mb = 512

    @staticmethod
    def get_remaining_time_in_millis():
        return 15000


events = json.load(sys.stdin)
results = [lambda_handler(event, Context()) for event in events]
sys.stdout.write("\n" + json.dumps(results) + "\n")
