"""One module per `longarm` subcommand; each defines register(subparsers, common)."""
