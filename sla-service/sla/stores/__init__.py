"""Stores (門店) and regions (區域): sla's read copy of the organisation, and what each overrides."""
