"""The one error type a user can hit; the CLI turns it into one line and a non-zero exit."""


class BnvizError(Exception):
    """A problem the user can fix: the message says what to do."""
