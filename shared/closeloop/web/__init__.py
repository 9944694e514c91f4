"""HTTP plumbing every service shares: the app factory, health, metrics, request context."""
