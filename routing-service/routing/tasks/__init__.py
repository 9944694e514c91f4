"""The safety fast lane: tasks a safety case must get done, each with its own deadline and owner."""
