"""Production settings: everything in pelicanconf.py, with the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403 — Pelican's documented way to layer settings

SITEURL = os.environ.get("PRESSROOM_SITEURL", "https://press.parentinfantfoundation.org.uk")
RELATIVE_URLS = False
