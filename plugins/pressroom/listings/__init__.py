"""Listings: pages per spokesperson and campaign, the press office and 404 pages, and links between
releases."""

from __future__ import annotations

from pelican import signals

from .generator import ListingsGenerator


def listings_generator(pelican):
    return ListingsGenerator


def register() -> None:
    signals.get_generators.connect(listings_generator)
