"""Learning from staff: corrections (reclassify actions) kept as labelled examples, classifier versions
built from them, and the rule that a new version is activated only when it is no worse."""
