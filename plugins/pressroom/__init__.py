"""Pressroom's Pelican plugins, one concern per folder, under one namespace.

A namespace keeps generic names such as `feeds` or `sitemap` from becoming top-level Python packages
for everything else installed beside the project. Plugins import the content model, never each other.
"""
