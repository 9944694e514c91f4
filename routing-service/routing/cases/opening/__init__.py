"""Opening a case from feedback: classify, raise, number, link, route, assign, announce."""
