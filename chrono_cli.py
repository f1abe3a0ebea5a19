"""Entry point for the ``chrono`` console script (the CLI lives in chrono.cli)."""

from chrono.cli import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":
    main()
