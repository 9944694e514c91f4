"""Appraisal (績效考核): the figures per staff member and per department, ranked, for the monthly scorecard."""
