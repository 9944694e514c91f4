"""Customers (顧客): who gave the feedback, their personal data sealed, found again by keyed hash."""
