"""SLA policies (服務時限): which clocks a case gets, per urgency and optionally store, channel or tier."""
