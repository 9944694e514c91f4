"""Business calendars (營業日曆): opening hours, public holidays, adjusted working days and store closures."""
