"""The handling procedure (處理流程) of each urgency: its steps, who owns each, and the deadline each must meet."""
