"""Exports: the case facts of a period and filter as CSV, streamed so a year of cases never sits in memory."""
