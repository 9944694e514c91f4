"""Cases (工單): the unit of handling one feedback opens, from opening to closing."""
