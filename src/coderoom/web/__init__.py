"""Web edge – error contract, security middleware, the SPA's static files."""
