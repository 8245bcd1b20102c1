"""The demo organisation and the pages its visitors reach, shared with the
generated security suites (imported, so that pytest finds the fixtures here)."""

from tests.security.conftest import demo_app, demo_seed, site, sites  # noqa: F401
