"""The selection rules as data (``rules.toml``, strictly loaded) and the engine that sums them."""
