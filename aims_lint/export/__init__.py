"""Exports for auditors and other tools: the SoA as CSV, XLSX or OSCAL, and an SoA skeleton per framework."""
