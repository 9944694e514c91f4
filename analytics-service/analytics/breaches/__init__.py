"""Breaches: SLA clocks that slipped, by clock, department and store, and the open cases still past a deadline."""
