"""Personal data (個人信息): sealed at rest, hashed for matching, masked wherever it is shown."""
