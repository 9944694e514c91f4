"""Snapshots: the daily KPI event (closeloop.kpi.v1) analysts subscribe to instead of polling the API."""
