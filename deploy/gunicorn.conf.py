"""gunicorn settings for Verktygslådan: `gunicorn -c deploy/gunicorn.conf.py "app:create_app()"`.

Each value can be overridden by the environment the systemd unit reads
(GUNICORN_BIND, GUNICORN_WORKERS, ...), so one file serves every server."""

import multiprocessing
import os

# nginx in front (deploy/nginx/verktygsladan.conf) proxies to this address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the portal is request/response with short SQL; two per
# CPU plus one is gunicorn's own advice. Workers share nothing (PRODUCT.md 4b).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart a worker now and then so that no slow growth builds up.
max_requests = 2000
max_requests_jitter = 200
# The app trusts X-Forwarded-* only as far as TOOLBOX_TRUSTED_PROXIES says
# (werkzeug's ProxyFix); gunicorn itself only accepts them from nginx here.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs go to the journal through stdout/stderr. No access log by default:
# nginx keeps one, and single-use answer links pass through it (SECURITY.md).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Request headers and lines larger than this are refused before Flask sees them.
limit_request_line = 8190
limit_request_fields = 100
proc_name = "verktygsladan"
