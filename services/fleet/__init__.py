"""Closeloop fleet: the registry of the four services and the local supervisor behind `make run`.

It also owns the pytest plugin (`fleet.testing`) that gives the suite a real PostgreSQL and a real Kafka.
"""
