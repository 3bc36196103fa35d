"""The ``refrakt`` command line: Prisma's verbs as thin shells over the library.

``main(argv)`` parses the arguments, runs one command and returns its exit code; it never raises
for a user error (an unknown command or option, a missing schema, an invalid schema), it prints a
one-paragraph message on stderr and returns 1.
"""

from refrakt.cli._app import main

__all__ = ["main"]
