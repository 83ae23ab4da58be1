"""longarm's version: written into WARC ``warcinfo`` records, mail and web-hook headers, ``--version``.

It lives in the core so the WARC writer (a part below the CLI package) can name the software
that wrote a record without importing the CLI package; ``longarm.__version__`` re-exports it.
"""

__version__ = "0.1.0"
