"""Contract tests: every answer the published Eigenpal document (R1) or the newest official SDK's additions (R3) allow
parses through the generated client, and what a client must tolerate is kept and reported."""
