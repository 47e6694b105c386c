"""Rendering: a plan as a template's context, and cookiecutter, which renders it."""
