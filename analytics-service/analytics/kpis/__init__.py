"""KPIs: the service-quality figures for any period and filter, read from the rollups."""
