"""Org: the read copy of stores (門店) whose time zone sets the day, week and month of their figures."""
