"""scrapelint's engine: documents, the rule API, config, runner, reporters and the CLI."""
