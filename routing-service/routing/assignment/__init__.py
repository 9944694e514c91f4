"""Assignment inside a department: the least-loaded eligible person on shift, round-robin among equals."""
