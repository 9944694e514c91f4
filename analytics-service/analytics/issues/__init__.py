"""Top issues: the subcategories and theme words (主題詞) customers raise most, and how that moved."""
