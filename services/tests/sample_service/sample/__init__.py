"""A minimal service following the fleet's conventions, so the supervisor can be tested on its own."""
