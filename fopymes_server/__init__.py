"""fopymes: finance management for individuals and small businesses.

The server package holds everything below the front ends: settings, storage, the service
layer and its rules. The CLI (`fopymes_cli`), the dashboard and the HTTP API all call the
services here and nothing below them.
"""

__version__ = "0.1.0"
