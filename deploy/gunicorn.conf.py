"""Gunicorn for Council Desk: `gunicorn --config deploy/gunicorn.conf.py config.wsgi`.

Used by deploy/council-desk-web.service and by CI's production smoke pass (.ci/smoke). Gunicorn
listens on loopback only: nginx in front terminates TLS, buffers slow clients (sync workers must not
wait on them) and sets X-Forwarded-Proto. The environment variables below are read here, not by
Django; a command-line option (`--bind …`) still wins over this file.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"gunicorn.conf.py: {name} must be a whole number, not {value!r}") from None


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers, one request each: most pages are a few SQL aggregates, the report PDF a few seconds
# of WeasyPrint. 2 × CPUs + 1 is Gunicorn's own rule of thumb; WEB_CONCURRENCY overrides it (each
# worker holds one PostgreSQL connection, kept for CONN_MAX_AGE: mind max_connections when raising it).
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# A request running longer than this has its worker killed and restarted (the report PDF of a large
# cycle is the slowest page); nginx waits a little longer (proxy_read_timeout 90s).
timeout = _int("GUNICORN_TIMEOUT", 60)
# On a restart (SIGTERM, systemctl restart) requests in progress get this long to finish.
graceful_timeout = 30
# nginx keeps connections to us open (upstream keepalive); close idle ones after a few seconds.
keepalive = 5
# Recycle each worker after about this many requests, so that slow growth in memory never builds up.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = 100
# Workers' heartbeat files in memory: a slow disk must not get healthy workers killed.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 (gunicorn makes its files there with mkstemp)
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None

# Logs to stdout/stderr, where systemd's journal (journalctl -u council-desk-web) or CI collects them.
# Behind nginx the peer is always 127.0.0.1: log the client's address nginx passes on instead.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s - %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
# The calendar feed's address carries its secret token: this logger masks it in both logs.
logger_class = "config.log_masking.GunicornLogger"
# LOG_FORMAT=json (config/settings.py): gunicorn's own lines (start, workers, errors) are JSON too, and
# its access log is off: the app writes one JSON line per request instead (council_desk.request), with
# the request id nginx sends (X-Request-ID) and the person's id; nginx's access log has the client's.
if os.environ.get("LOG_FORMAT", "").strip() == "json":
    accesslog = None
    logconfig_dict = {
        "formatters": {"json": {"()": "config.log_json.JsonFormatter"}},
        "handlers": {
            "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
        },
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
        "root": {"level": "INFO", "handlers": []},  # the app's root logger is Django's (LOGGING)
    }

# Gunicorn's control socket (`gunicornc`: worker status, graceful reload) in the web unit's runtime
# directory, /run/council-desk-web, which systemd makes and names in RUNTIME_DIRECTORY. Elsewhere none:
# by default it would be ~/.gunicorn/gunicorn.ctl, shared by every gunicorn of the same user (CI's
# smoke pass beside another server).
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"].split(":")[0], "gunicorn.ctl")
else:
    control_socket_disable = True

# Trust X-Forwarded-Proto (and -For) only from the proxy on this machine. Gunicorn listens on loopback
# only, so nothing else can reach it; Django reads the same header (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

# Prometheus metrics (/metrics, METRICS_TOKEN): each worker process writes its counts to files in
# PROMETHEUS_MULTIPROC_DIR, and a scrape, whichever worker answers it, adds them all up. The folder is
# emptied when gunicorn starts (counts of an earlier run would otherwise be added in again); the web
# unit puts it in its runtime directory, which systemd also removes when the unit stops.
MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server) -> None:
    if not MULTIPROC_DIR:
        return
    os.makedirs(MULTIPROC_DIR, exist_ok=True)
    for name in os.listdir(MULTIPROC_DIR):
        if name.endswith(".db"):
            os.remove(os.path.join(MULTIPROC_DIR, name))


def child_exit(server, worker) -> None:
    """A worker gone (recycled after max_requests, killed at its timeout): its counts stay in the sum
    (counters never go down), only its live gauges' files go."""
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid, MULTIPROC_DIR)
