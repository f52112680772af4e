"""Which address limits and the audit log use, for each way a request can reach the app."""

import pytest

from functions.platform.client_address import client_address
from functions.platform.config import Config
from functions.public.app import create_app
from tests.factories import pinned_clock
from tests.lambda_events import EDGE, api_gateway_event

VIEWER = "198.51.100.7"


@pytest.mark.parametrize(
    "environ, proxies, expected",
    [
        ({"REMOTE_ADDR": "192.0.2.1"}, 0, "192.0.2.1"),  # nothing in front
        ({"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, 0, "192.0.2.1"),  # header not trusted
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5, 198.51.100.7"}, 1, VIEWER),  # nginx
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7, 10.0.0.2"}, 2, VIEWER),  # two proxies
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "not an address"}, 1, "127.0.0.1"),
        ({"REMOTE_ADDR": "127.0.0.1"}, 1, "127.0.0.1"),  # a request that came round the proxy
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": " 2001:db8::1 "}, 1, "2001:db8::1"),
    ],
)
def test_one_server_trusts_only_the_configured_proxies(environ, proxies, expected):
    assert client_address(environ, proxies) == expected


@pytest.mark.parametrize("written", [None, "192.0.2.1", f"192.0.2.1, {EDGE}", "not, an, address"])
def test_on_lambda_the_address_is_the_one_api_gateway_saw(written):
    event = api_gateway_event("POST", "/api/track", {}, viewer=VIEWER, written=written)
    # What Zappa builds: REMOTE_ADDR from the header's second-to-last hop, and the event itself.
    environ = {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": event["headers"]["X-Forwarded-For"],
               "lambda.event": event}  # fmt: skip
    for proxies in (0, 1, 2):  # SAWT_TRUSTED_PROXIES plays no part on Lambda
        assert client_address(environ, proxies) == VIEWER


def test_on_lambda_without_a_source_address_nothing_the_client_wrote_is_used():
    event = api_gateway_event("POST", "/api/track", {}, written="192.0.2.1")
    event["requestContext"]["identity"] = {}
    environ = {"REMOTE_ADDR": "192.0.2.1", "lambda.event": event}
    assert client_address(environ, 1) == "unknown"


def test_an_http_api_event_has_its_source_address_elsewhere():
    environ = {"lambda.event": {"version": "2.0", "requestContext": {"http": {"sourceIp": VIEWER}}}}
    assert client_address(environ, 0) == VIEWER


def test_behind_a_local_reverse_proxy_two_people_do_not_share_a_limit(tmp_path):
    app = create_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_TRUSTED_PROXIES="1", SAWT_TRACK_FAILURES="1"),
                     clock=pinned_clock())  # fmt: skip
    client = app.test_client()  # every request comes from 127.0.0.1: the proxy
    wrong = {"reference": "K7M-QX4-RTU", "tracking_code": "2222-3333-4444-5555"}

    def track(forwarded):
        return client.post("/api/track", json=wrong, headers={"X-Forwarded-For": forwarded}).status_code

    assert [track("198.51.100.1"), track("198.51.100.1")] == [404, 429]
    assert track("198.51.100.2") == 404
    assert track("198.51.100.2, 198.51.100.1") == 429  # the hop the proxy appended is the one counted
