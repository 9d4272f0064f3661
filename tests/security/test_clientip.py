"""esante.clientip.client_ip: only our own proxies are believed."""

import pytest
from django.test import RequestFactory

from esante.clientip import client_ip


def _request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxy_a_spoofed_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.9", "1.2.3.4")) == "198.51.100.9"


def test_with_one_proxy_the_address_it_saw_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy (REMOTE_ADDR 10.0.0.2) appended the address it received from.
    assert client_ip(_request("10.0.0.2", "203.0.113.7")) == "203.0.113.7"


def test_with_one_proxy_addresses_the_client_wrote_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 1.2.3.4, 5.6.7.8"; the proxy appended its real address.
    request = _request("10.0.0.2", "1.2.3.4, 5.6.7.8, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_with_two_proxies_the_right_most_untrusted_address_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request("10.0.0.3", "1.2.3.4, 203.0.113.7, 10.0.0.2")
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", [None, "", "   "])
def test_with_a_proxy_but_no_header_the_remote_address_is_used(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2", forwarded)) == "10.0.0.2"


def test_garbage_in_the_trusted_slot_falls_back_to_the_remote_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2", "1.2.3.4, not-an-ip")) == "10.0.0.2"


def test_ports_and_brackets_are_dropped(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2", "203.0.113.7:5123")) == "203.0.113.7"
    assert client_ip(_request("10.0.0.2", "[2001:db8::1]:443")) == "2001:db8::1"
    assert client_ip(_request("10.0.0.2", "2001:db8::1")) == "2001:db8::1"


def test_allauth_rate_limits_use_the_same_address(settings):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXY_COUNT = 0
    request = _request("198.51.100.9", "1.2.3.4")
    assert get_adapter(request).get_client_ip(request) == "198.51.100.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert get_adapter(request).get_client_ip(request) == "1.2.3.4"
