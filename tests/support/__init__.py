"""Helpers shared by the test modules: servers, baking, starter environments, checks."""
