"""The headless server: REST under /api/v1 and a WebSocket, over the same services as the CLI."""
