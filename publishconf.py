"""Production settings: everything in pelicanconf.py, with the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403 — Pelican's documented way to layer settings

SITEURL = os.environ.get("PRESSROOM_SITEURL", "https://press.parentinfantfoundation.org.uk")
RELATIVE_URLS = False

# --- Workflow: where `invoke publish` puts the checked build ---
# One of:
#   {"kind": "folder", "path": "/var/www/press"}     a local or mounted folder (a symlink to the live build)
#   {"kind": "rsync", "destination": "deploy@host:/var/www/press/"}      rsync over SSH
#   {"kind": "github-pages", "remote": "origin", "branch": "gh-pages"}   GitHub Pages through ghp-import
#   {"kind": "s3", "bucket": "press-site", "endpoint_url": None, "region": "eu-west-2"}  S3-compatible storage
PUBLISH_TARGET = {"kind": "folder", "path": "public"}

# --- Security headers (plugins/pressroom/security_headers) ---
# Every page repeats the Content-Security-Policy in a <meta> element, for hosts that send no headers
# (GitHub Pages, a bare S3 bucket). Development builds leave it out: live reload injects an inline script.
PRESSROOM_CSP_META = True

# --- Editing in the browser: the public site has /admin/ only when "enabled" is True here, with the
# GitHub backend and OAuth client filled in (README, "Editing in the browser").
CMS = {**CMS, "enabled": False}
