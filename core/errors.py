"""Errors the CLI turns into exit codes."""


class UsageError(Exception):
    """Bad usage or bad input (exit code 2); the message names the input and what to do."""
