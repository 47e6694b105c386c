"""stackwise: recommend a Python web framework by explicit rules, then generate its starter."""

__version__ = "0.1.0"
