"""gdbook: the tested NumPy code behind the textbook on gradient descent."""

__version__ = "0.1.0"
