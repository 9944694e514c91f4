"""The organisation routing owns: regions (區域), stores (門店), departments (部門) and staff (員工)."""
