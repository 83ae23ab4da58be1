"""longarm: monitor of PRC and Hong Kong long-arm policing threats."""
__version__ = "0.1.0"
