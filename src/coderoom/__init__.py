"""coderoom – write and run code together in real time."""

__version__ = "0.1.0"
