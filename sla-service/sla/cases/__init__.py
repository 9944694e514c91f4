"""Cases (工單) as sla follows them: the copy it needs to pick policies and ladders, and every signal seen."""
