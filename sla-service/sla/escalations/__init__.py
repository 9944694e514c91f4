"""Escalation (升級) ladders (升級路徑) and the record of every rung a slipping clock climbed."""
