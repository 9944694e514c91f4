"""Surveys (滿意度調查): the customer's verdict after handling, one response per survey token."""
