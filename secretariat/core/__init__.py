"""The shared core: service errors, the actor rule, append-only models, the clock and the back
office's bridge to the services. It imports nothing else of the project."""
