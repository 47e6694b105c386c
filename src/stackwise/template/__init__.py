"""Templates: where the built-ins are, and the caches that make rendering them fast."""
