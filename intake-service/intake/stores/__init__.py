"""Stores (門店): intake's read copy of the organisation, fed by routing's org topic, to validate store ids."""
