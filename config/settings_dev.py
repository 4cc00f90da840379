"""Development settings: production's module (config.settings) with the apps production never installs.

demo: the demo council and its accounts (`load_demo`). bench: the benchmarks, the load run, the SMTP
sink and the worker harness, and the bench's Celery task. `make run`, `make setup`, the benchmarks,
the test settings and .ci/smoke's demo data use this module; a production install never does (the
default of manage.py, wsgi.py and the Celery app is config.settings).

DEBUG is on unless the environment says otherwise: the bench's worker runs here with DEBUG=0, in
production's shape but with the bench's task.
"""

import os

os.environ.setdefault("DEBUG", "1")

from config.settings import *  # noqa: E402,F403
from config.settings import INSTALLED_APPS, env  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "demo", "bench"]

# The demo accounts' password (load_demo sets it; the load run signs in with it).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="council-demo")
