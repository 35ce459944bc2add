"""Benchmarks: Pressroom's build measured beside plain Pelican on the same releases, in the same run."""
