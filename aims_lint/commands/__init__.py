"""One module per CLI command: turns settings into a library call and output."""
