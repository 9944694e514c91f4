"""Staff actions on a case: acknowledge, note, start, reassign, reclassify, escalate, resolve, callback,
reopen, close, complete_task; and the same verdicts and escalations when they arrive as events."""
