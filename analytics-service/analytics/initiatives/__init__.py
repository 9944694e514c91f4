"""Initiatives: improvement projects (服務改進項目) and their figures before and after they started."""
