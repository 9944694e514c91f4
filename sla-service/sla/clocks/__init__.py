"""Clocks (時限): the deadlines a case is held to."""
