"""Near-duplicates: the same complaint sent twice (APP and hotline) joins the first instead of opening a second case."""
